// The signed last-activity timestamp that lets edge middleware enforce idle limits with no
// database: "<seconds>.<signature>" in an httpOnly cookie, the signature an HMAC-SHA256 (WebCrypto,
// edge-safe) over the timestamp and the session it belongs to, keyed from AUTH_SECRET. A cookie
// moved to another session, edited, or made up does not verify.
import type { JWT } from "next-auth/jwt";

export const ACTIVITY_COOKIE = "kaizen.activity";

/** The header the client sends on requests that are not the user's doing (they refresh nothing). */
export const BACKGROUND_HEADER = "x-kaizen-background";

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
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(secret), encoder.encode(`${binding}.${seconds}`));
  return `${seconds}.${toBase64Url(signature)}`;
}

/** The verified timestamp (seconds), or null when the value is missing, malformed or forged. */
export async function verifyActivity(secret: string, binding: string, value: string | undefined): Promise<number | null> {
  if (!value) return null;
  const match = /^(\d{1,12})\.([A-Za-z0-9_-]{20,100})$/.exec(value);
  if (!match) return null;
  const seconds = Number(match[1]);
  const signature = fromBase64Url(match[2]!);
  if (!signature) return null;
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), signature, encoder.encode(`${binding}.${seconds}`));
  return ok ? seconds : null;
}
