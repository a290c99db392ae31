// The server's own check of the request a session arrives with — the same rules the edge
// middleware applies, again on Node, because middleware is a first line and never the only one: a
// request carrying a session, activity or request cookie twice is refused, and a session idle past
// its limit (by its signed activity timestamp) is over, whatever path the request took.
import "server-only";
import type { JWT } from "next-auth/jwt";
import type { SessionImpersonation } from "@/types/next-auth";
import { headers } from "next/headers";
import { idleLimit, idleSecondsLeft, idleState } from "./edge/access";
import { countsAsActivity } from "./edge/activity";
import { cookieFrom, cookieNames, duplicatedCookie, isSecureRequest } from "./edge/cookies";
import { authSecret, sessionLimits } from "@/lib/env";

async function requestHeaders(): Promise<Headers | null> {
  try {
    return await headers();
  } catch {
    return null; // outside a request (a script): nothing to check
  }
}

/** Whether the current request may use this session token. */
export async function requestAllowsSession(token: JWT, now = new Date()): Promise<boolean> {
  const h = await requestHeaders();
  if (!h) return true;
  const cookie = h.get("cookie");
  const secure = isSecureRequest(undefined, h);
  if (duplicatedCookie(cookie, secure)) return false;
  const activity = cookieFrom(cookie, cookieNames(secure).activity);
  const state = await idleState(token, activity, Math.floor(now.getTime() / 1000), sessionLimits(), authSecret());
  return state === "live";
}

/** Whether the current request is the user's own doing (so it counts as activity). */
export async function isUsersOwnRequest(): Promise<boolean> {
  const h = await requestHeaders();
  return h ? countsAsActivity(h) : false;
}

/**
 * What is left of an impersonation's idle limit as this request finds it, for the page's countdown:
 * all of it when the request is the user's own doing (the middleware has just refreshed the
 * timestamp), else what the signed timestamp the request carries leaves.
 */
export async function impersonationIdleSecondsLeft(impersonation: SessionImpersonation, now = new Date()): Promise<number> {
  const h = await requestHeaders();
  const limits = sessionLimits();
  const token = { impersonation, signedInAt: Math.floor(Date.parse(impersonation.startedAt) / 1000) };
  if (!h || countsAsActivity(h)) return idleLimit(token, limits);
  const activity = cookieFrom(h.get("cookie"), cookieNames(isSecureRequest(undefined, h)).activity);
  const left = await idleSecondsLeft(token, activity, Math.floor(now.getTime() / 1000), limits, authSecret());
  return Math.max(0, left);
}

/** Is the current request HTTPS (cookie names and flags follow)? */
export async function isSecure(request?: Request): Promise<boolean> {
  if (request) return isSecureRequest(request.url, request.headers);
  const h = await requestHeaders();
  return h ? isSecureRequest(undefined, h) : Boolean(process.env.AUTH_URL?.startsWith("https:"));
}
