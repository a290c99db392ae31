// The edge middleware's decisions, made without a database from the Auth.js session cookie and the
// signed activity timestamp. Pure and edge-safe; the clock is injected so tests can drive it.
// Middleware is a first line: pages and actions check the session again on the server.
import type { JWT } from "next-auth/jwt";
import { readActivity, sessionBinding } from "./activity";

export const SIGN_IN_PATH = "/sign-in";
export const INACTIVITY_NOTICE = "inactivity";

/** Paths anyone may request without a session (the cron route checks its own bearer secret). */
export function isPublicPath(pathname: string): boolean {
  return pathname === SIGN_IN_PATH || pathname.startsWith("/api/auth/") || pathname.startsWith("/api/cron/");
}

/** Auth.js's session cookie name (prefixed on HTTPS). */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** A JWT that is past its absolute limit, whatever its `exp` says. */
export function pastMaxAge(token: Pick<JWT, "signedInAt">, nowSeconds: number, maxAgeSeconds: number): boolean {
  return typeof token.signedInAt !== "number" || nowSeconds - token.signedInAt > maxAgeSeconds;
}

export type EdgeLimits = {
  SESSION_MAX_AGE_SECONDS: number;
  SESSION_IDLE_TIMEOUT_SECONDS: number;
  IMPERSONATION_IDLE_TIMEOUT_SECONDS: number;
};

export type EdgeRequest = {
  pathname: string;
  search: string;
  /** A Server Action call or an API/fetch request: answered with 401, not a redirect. */
  expectsData: boolean;
  /** A prefetch or a request the page marked as background: it does not count as activity. */
  background: boolean;
  /** The activity cookie's raw value. */
  activity: string | undefined;
};

export type EdgeDecision =
  | { kind: "next"; refreshActivity: boolean }
  | { kind: "redirect"; location: string; clearSession: boolean }
  | { kind: "unauthorized"; reason: "signed-out" | "inactivity"; clearSession: boolean };

function idleLimit(token: Pick<JWT, "impersonation">, limits: EdgeLimits): number {
  // The impersonation limit never exceeds the ordinary one.
  return token.impersonation
    ? Math.min(limits.IMPERSONATION_IDLE_TIMEOUT_SECONDS, limits.SESSION_IDLE_TIMEOUT_SECONDS)
    : limits.SESSION_IDLE_TIMEOUT_SECONDS;
}

export async function decideAccess(
  request: EdgeRequest,
  token: JWT | null,
  nowSeconds: number,
  limits: EdgeLimits,
  secret: string,
): Promise<EdgeDecision> {
  const signIn = (notice?: string) => {
    const callbackUrl = `${request.pathname}${request.search}`;
    const params = new URLSearchParams();
    if (notice) params.set("notice", notice);
    else if (callbackUrl !== "/") params.set("callbackUrl", callbackUrl);
    const query = params.toString();
    return `${SIGN_IN_PATH}${query ? `?${query}` : ""}`;
  };

  if (isPublicPath(request.pathname)) return { kind: "next", refreshActivity: false };

  const signedIn = Boolean(token?.sub) && !pastMaxAge(token!, nowSeconds, limits.SESSION_MAX_AGE_SECONDS);
  if (!token || !signedIn) {
    return request.expectsData
      ? { kind: "unauthorized", reason: "signed-out", clearSession: Boolean(token) }
      : { kind: "redirect", location: signIn(), clearSession: Boolean(token) };
  }

  // Last activity: the signed cookie, or the sign-in itself (the first request after signing in has
  // no cookie of this session yet). A cookie that does not verify is a forgery: for an
  // impersonation, that alone ends it; for an ordinary session it is ignored.
  const activity = await readActivity(secret, sessionBinding(token), request.activity);
  const forged = activity.kind === "forged";
  const lastActivity = Math.max(activity.kind === "valid" ? activity.seconds : 0, token.signedInAt ?? 0);
  const idle = nowSeconds - lastActivity > idleLimit(token, limits);
  if (idle || (forged && token.impersonation)) {
    return request.expectsData
      ? { kind: "unauthorized", reason: "inactivity", clearSession: true }
      : { kind: "redirect", location: signIn(INACTIVITY_NOTICE), clearSession: true };
  }
  return { kind: "next", refreshActivity: !request.background };
}
