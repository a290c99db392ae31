// The signed last-activity timestamp that lets edge middleware enforce idle limits with no
// database: in an httpOnly cookie, a signed value (./signed-value.ts) whose subject is the session
// and whose `iat` is the last activity. An edited, made-up or expired value does not verify; one
// left over from an earlier session (signing in again replaces the session) is recognised as such
// and ignored.
import { decodeJwt } from "jose";
import type { JWT } from "next-auth/jwt";
import { readSignedValue, signValue } from "./signed-value";

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

/** What a timestamp is bound to: this impersonation, or this sign-in of this user. */
export function sessionBinding(token: Pick<JWT, "sub" | "signedInAt" | "impersonation">): string {
  return token.impersonation ? `imp:${token.impersonation.id}` : `user:${token.sub}:${token.signedInAt}`;
}

/** Longer than any idle limit (at most 30 minutes, lib/env.ts): expiry never decides before the limit does. */
const VALID_FOR_SECONDS = 3600;

/** The activity cookie's value: last activity at `seconds`, of the session `binding` names. */
export async function signActivity(secret: string, binding: string, seconds: number): Promise<string> {
  return signValue(secret, "activity", { sub: binding, iat: seconds, exp: seconds + VALID_FOR_SECONDS });
}

export type ActivityReading =
  | { kind: "valid"; seconds: number }
  /** No cookie, or one left by another (earlier) session. */
  | { kind: "absent" }
  /** Malformed, edited, made up or expired. */
  | { kind: "forged" };

export async function readActivity(secret: string, binding: string, value: string | undefined, nowSeconds = Math.floor(Date.now() / 1000)): Promise<ActivityReading> {
  if (!value) return { kind: "absent" };
  const claims = await readSignedValue(secret, "activity", value, nowSeconds);
  if (claims) return claims.sub === binding ? { kind: "valid", seconds: claims.iat } : { kind: "absent" };
  // Another session's value (an earlier sign-in's, expired perhaps) is ignored, verified or not, as
  // it always was: it is not held against this one. Anything else is a forgery.
  return otherSubject(value, binding) ? { kind: "absent" } : { kind: "forged" };
}

/** Whether `value` is a JWT whose (unverified) subject is not `binding`. */
function otherSubject(value: string, binding: string): boolean {
  try {
    const { sub } = decodeJwt(value);
    return typeof sub === "string" && sub !== binding;
  } catch {
    return false;
  }
}
