// The edge middleware's decisions, made without a database from the Auth.js session cookie and the
// signed activity timestamp. Pure and edge-safe; the clock is injected so tests can drive it.
// Middleware is a first line: pages and actions check the session again on the server.
import type { JWT } from "next-auth/jwt";
import { readActivity, sessionBinding } from "./activity";

export const SIGN_IN_PATH = "/sign-in";
export const INACTIVITY_NOTICE = "inactivity";
export const CONFLICT_NOTICE = "cookie-conflict";

/**
 * Paths anyone may request without a session: signing in, Auth.js's routes, the cron route (which
 * checks its own bearer secret) and the health probes.
 */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === SIGN_IN_PATH ||
    pathname.startsWith("/api/auth/") ||
    pathname.startsWith("/api/cron/") ||
    pathname === "/api/health" ||
    pathname === "/api/ready"
  );
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
  /** A Server Action call (`next-action`): on a public path too, a session it carries is checked. */
  serverAction: boolean;
  /** A session, activity or request cookie sent more than once (see duplicatedCookie). */
  duplicateCookie: boolean;
  /** A prefetch or a request the page marked as background: it does not count as activity. */
  background: boolean;
  /** The activity cookie's raw value. */
  activity: string | undefined;
};

export type EdgeDecision =
  /** Pass; `anonymous`: without the session, activity and request cookies (and clear them). */
  | { kind: "next"; refreshActivity: boolean; anonymous?: boolean }
  | { kind: "redirect"; location: string; clearSession: boolean }
  | { kind: "unauthorized"; reason: "signed-out" | "inactivity" | "cookie-conflict"; clearSession: boolean };

/** A session's idle limit in seconds. */
export function idleLimit(token: Pick<JWT, "impersonation">, limits: EdgeLimits): number {
  if (!token.impersonation) return limits.SESSION_IDLE_TIMEOUT_SECONDS;
  // The impersonation's own limit (its organization may set a shorter one; the server set it in the
  // token), never more than the server's impersonation limit, nor than the ordinary one.
  const own = token.impersonation.idleTimeoutSeconds;
  const server = Math.min(limits.IMPERSONATION_IDLE_TIMEOUT_SECONDS, limits.SESSION_IDLE_TIMEOUT_SECONDS);
  return typeof own === "number" && own > 0 ? Math.min(own, server) : server;
}

/**
 * How many seconds a signed-in session has before its idle limit (negative once past it), from its
 * signed activity timestamp alone. Last activity is the timestamp, or the sign-in itself (the first
 * request after signing in has no timestamp of this session yet). One that does not verify is a
 * forgery: for an impersonation that alone ends it (no time left); for an ordinary session it is
 * ignored. The middleware, the server and the pages' countdowns all ask this.
 */
export async function idleSecondsLeft(
  token: Pick<JWT, "sub" | "signedInAt" | "impersonation">,
  activityCookie: string | undefined,
  nowSeconds: number,
  limits: EdgeLimits,
  secret: string,
): Promise<number> {
  const activity = await readActivity(secret, sessionBinding(token), activityCookie, nowSeconds);
  if (activity.kind === "forged" && token.impersonation) return -Infinity;
  const lastActivity = Math.max(activity.kind === "valid" ? activity.seconds : 0, token.signedInAt ?? 0);
  return lastActivity + idleLimit(token, limits) - nowSeconds;
}

/** Whether a signed-in session has gone idle (see idleSecondsLeft). */
export async function idleState(
  token: Pick<JWT, "sub" | "signedInAt" | "impersonation">,
  activityCookie: string | undefined,
  nowSeconds: number,
  limits: EdgeLimits,
  secret: string,
): Promise<"live" | "idle"> {
  return (await idleSecondsLeft(token, activityCookie, nowSeconds, limits, secret)) < 0 ? "idle" : "live";
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

  const publicPath = isPublicPath(request.pathname);
  const signedIn = Boolean(token?.sub) && !pastMaxAge(token!, nowSeconds, limits.SESSION_MAX_AGE_SECONDS);

  // Two cookies of one name: no session is honoured. A public page goes on without any (so one
  // can still sign in); anything else is refused, and the cookies cleared as far as this host can.
  if (request.duplicateCookie) {
    if (publicPath) return { kind: "next", refreshActivity: false, anonymous: true };
    return request.expectsData
      ? { kind: "unauthorized", reason: "cookie-conflict", clearSession: true }
      : { kind: "redirect", location: `${SIGN_IN_PATH}?notice=${CONFLICT_NOTICE}`, clearSession: true };
  }

  // A public page needs no session. A Server Action posted to one (with a `next-action` header)
  // meets the same checks as anywhere else: a session that is idle, past its limit or forged goes
  // no further than no session at all. (Auth.js's own routes check their sessions themselves.)
  if (publicPath) {
    if (!request.serverAction || !token || request.pathname.startsWith("/api/auth/")) return { kind: "next", refreshActivity: false };
    const live = signedIn && (await idleState(token, request.activity, nowSeconds, limits, secret)) === "live";
    return live ? { kind: "next", refreshActivity: false } : { kind: "next", refreshActivity: false, anonymous: true };
  }

  if (!token || !signedIn) {
    return request.expectsData
      ? { kind: "unauthorized", reason: "signed-out", clearSession: Boolean(token) }
      : { kind: "redirect", location: signIn(), clearSession: Boolean(token) };
  }

  if ((await idleState(token, request.activity, nowSeconds, limits, secret)) === "idle") {
    return request.expectsData
      ? { kind: "unauthorized", reason: "inactivity", clearSession: true }
      : { kind: "redirect", location: signIn(INACTIVITY_NOTICE), clearSession: true };
  }
  return { kind: "next", refreshActivity: !request.background };
}
