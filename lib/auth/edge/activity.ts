// The signed last-activity timestamp that lets edge middleware enforce idle limits with no
// database: "<session>~<seconds>~<signature>" in an httpOnly cookie, the signature an HMAC-SHA256
// (WebCrypto, edge-safe) over both, keyed from AUTH_SECRET. An edited or made-up value does not
// verify; one left over from an earlier session (signing in again replaces the session) is
// recognised as such and ignored.
import type { JWT } from "next-auth/jwt";

/** The header the client sends on requests that are not the user's doing (they refresh nothing). */
export const BACKGROUND_HEADER = "x-kaizen-background";

/** Where a page asks what is left of the idle limit (a background request: asking is not activity). */
export const SESSION_IDLE_PATH = "/api/session/idle";

/** Whether a URL (an Origin or Referer header) is of the host the request was sent to. */
function ofThisHost(url: string | null, headers: Pick<Headers, "get">): boolean {
  if (!url || url === "null") return false;
  let host: string;
  try {
    host = new URL(url).host.toLowerCase();
  } catch {
    return false;
  }
  const own = [headers.get("host"), headers.get("x-forwarded-host")?.split(",")[0]];
  return own.some((h) => h?.trim().toLowerCase() === host);
}

/**
 * Whether a request is the user's own doing, and so activity. Not: a prefetch; a request the page
 * marked as background; one another site started (a hostile tab must not keep an abandoned session
 * alive); nor a navigation the page made by itself — its countdown, a reload, a redirect after one —
 * which browsers send without `Sec-Fetch-User` (a click, a key or the address bar sets it), so that
 * idle tabs cannot keep each other alive; what the address bar or a bookmark opens (`none`) counts. A browser that sends no `Sec-Fetch-Site` (an older one)
 * is judged by `Origin` or `Referer`, which must be this site's; with neither, nothing counts.
 */
export function countsAsActivity(headers: Pick<Headers, "get" | "has">): boolean {
  if (
    headers.get(BACKGROUND_HEADER) === "1" ||
    headers.has("next-router-prefetch") ||
    headers.get("purpose") === "prefetch" ||
    Boolean(headers.get("sec-purpose")?.includes("prefetch"))
  ) {
    return false;
  }
  const site = headers.get("sec-fetch-site");
  if (site === null) return ofThisHost(headers.get("origin"), headers) || ofThisHost(headers.get("referer"), headers);
  if (site !== "same-origin" && site !== "none") return false;
  const mode = headers.get("sec-fetch-mode");
  const navigation = mode === "navigate" || mode === "nested-navigate";
  // `none` is the address bar or a bookmark: no page can start it. (Safari sends Sec-Fetch-Site but
  // never Sec-Fetch-User, so there only these and the page's own requests count.)
  return !navigation || site === "none" || headers.get("sec-fetch-user") === "?1";
}

const encoder = new TextEncoder();
const keys = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .digest("SHA-256", encoder.encode(`kaizen-activity:${secret}`))
      .then((raw) => crypto.subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]));
    keys.set(secret, key);
  }
  return key;
}

function toBase64Url(bytes: ArrayBuffer): string {
  let binary = "";
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** What a timestamp is bound to: this impersonation, or this sign-in of this user. */
export function sessionBinding(token: Pick<JWT, "sub" | "signedInAt" | "impersonation">): string {
  return token.impersonation ? `imp:${token.impersonation.id}` : `user:${token.sub}:${token.signedInAt}`;
}

export async function signActivity(secret: string, binding: string, seconds: number): Promise<string> {
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(`${binding}~${seconds}`));
  return `${binding}~${seconds}~${toBase64Url(signature)}`;
}

export type ActivityReading =
  | { kind: "valid"; seconds: number }
  /** No cookie, or one left by another (earlier) session. */
  | { kind: "absent" }
  /** Malformed, edited or made up. */
  | { kind: "forged" };

export async function readActivity(secret: string, binding: string, value: string | undefined): Promise<ActivityReading> {
  if (!value) return { kind: "absent" };
  const match = /^([A-Za-z0-9:_-]{1,200})~(\d{1,12})~([A-Za-z0-9_-]{20,100})$/.exec(value);
  if (!match) return { kind: "forged" };
  if (match[1] !== binding) return { kind: "absent" };
  const seconds = Number(match[2]);
  const signature = fromBase64Url(match[3]!);
  if (!signature) return { kind: "forged" };
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), signature, encoder.encode(`${binding}~${seconds}`));
  return ok ? { kind: "valid", seconds } : { kind: "forged" };
}
