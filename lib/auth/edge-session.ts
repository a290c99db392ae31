// The edge middleware's view of a request: who (if anyone) is signed in, decided without a
// database from the Auth.js session cookie alone. Pure and edge-safe; the clock is injected so
// tests can drive it. Middleware is a first line: pages and actions check the session again.
import type { JWT } from "next-auth/jwt";

export const SIGN_IN_PATH = "/sign-in";

/** Paths anyone may request without a session. */
export function isPublicPath(pathname: string): boolean {
  return pathname === SIGN_IN_PATH || pathname.startsWith("/api/auth/");
}

/** Auth.js's session cookie name (prefixed on HTTPS). */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** A JWT that is past its absolute limit, whatever its `exp` says. */
export function pastMaxAge(token: Pick<JWT, "signedInAt">, nowSeconds: number, maxAgeSeconds: number): boolean {
  return typeof token.signedInAt !== "number" || nowSeconds - token.signedInAt > maxAgeSeconds;
}

export type EdgeRequest = {
  pathname: string;
  search: string;
  /** A Server Action call or an API/fetch request: answered with 401, not a redirect. */
  expectsData: boolean;
};

export type EdgeDecision = { kind: "next" } | { kind: "redirect"; location: string } | { kind: "unauthorized" };

export function decideAccess(
  request: EdgeRequest,
  token: JWT | null,
  nowSeconds: number,
  limits: { SESSION_MAX_AGE_SECONDS: number },
): EdgeDecision {
  if (isPublicPath(request.pathname)) return { kind: "next" };
  const signedIn = Boolean(token?.sub) && !pastMaxAge(token!, nowSeconds, limits.SESSION_MAX_AGE_SECONDS);
  if (signedIn) return { kind: "next" };
  if (request.expectsData) return { kind: "unauthorized" };
  const callbackUrl = `${request.pathname}${request.search}`;
  return {
    kind: "redirect",
    location: callbackUrl === "/" ? SIGN_IN_PATH : `${SIGN_IN_PATH}?callbackUrl=${encodeURIComponent(callbackUrl)}`,
  };
}
