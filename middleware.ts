// Edge middleware: the first line of defence (every page and action checks again on the server).
// Next 16 suggests renaming this file to proxy.ts, but proxy.ts runs only on Node; the idle cutoff
// must run statelessly on the edge runtime, so the file keeps its name (the warning is expected).
//
// It signs users out after inactivity (5 minutes for an impersonation, 30 for an ordinary session,
// both configurable) using a signed last-activity cookie that every request of the user's own
// refreshes, refuses a request that carries a session, activity or request cookie twice, and gives
// a Server Action posted to a public page the same checks as anywhere else. It reads the Auth.js
// session cookie itself rather than wrapping Auth.js's `auth`, which re-issues the session cookie on
// every request — including the one that signs out, where the two Set-Cookie headers then race and
// a signed-out browser can stay signed in.
import { NextResponse, type NextRequest } from "next/server";
import { CONFLICT_NOTICE, decideAccess, INACTIVITY_NOTICE, SIGN_IN_PATH } from "@/lib/auth/edge/access";
import { BACKGROUND_HEADER, countsAsActivity, SESSION_IDLE_PATH, sessionBinding, signActivity } from "@/lib/auth/edge/activity";
import { cookieNames, duplicatedCookie, isSecureRequest } from "@/lib/auth/edge/cookies";
import { decodeSession } from "@/lib/auth/edge/jwt";
import { withSecurityHeaders } from "@/lib/auth/edge/security-headers";
import { authSecret, sessionLimits } from "@/lib/env";

const limits = sessionLimits();

const MESSAGES = {
  inactivity: "You were signed out after a period of inactivity.",
  "signed-out": "Your session has ended. Sign in again.",
  "cookie-conflict": "Your browser sent conflicting session cookies, so you were signed out. Sign in again.",
} as const;

/** Expires a cookie (a `__Host-` one only goes away when the expiry is Secure with Path=/ too). */
function expire(response: NextResponse, name: string, secure: boolean) {
  response.cookies.set(name, "", { maxAge: 0, path: "/", secure, httpOnly: true, sameSite: "lax" });
}

/** The request, forwarded without the session-bearing cookies (and a response that clears them). */
function withoutSession(
  request: NextRequest,
  names: ReturnType<typeof cookieNames>,
  secure: boolean,
  extraHeaders: Record<string, string> = {},
) {
  const guarded = new Set([names.session, names.activity, names.request]);
  const headers = new Headers(request.headers);
  const kept = request.cookies.getAll().filter((c) => !guarded.has(c.name.replace(/\.\d+$/, "")));
  headers.set("cookie", kept.map((c) => `${c.name}=${c.value}`).join("; "));
  for (const [key, value] of Object.entries(extraHeaders)) headers.set(key, value);
  const response = NextResponse.next({ request: { headers } });
  expire(response, names.session, secure);
  expire(response, names.activity, secure);
  return response;
}

async function sessionResponse(request: NextRequest) {
  const secret = authSecret();
  const secure = isSecureRequest(request.nextUrl.href, request.headers);
  const names = cookieNames(secure);
  const now = Math.floor(Date.now() / 1000);
  const { pathname } = request.nextUrl;
  const duplicateCookie = duplicatedCookie(request.headers.get("cookie"), secure) !== null;

  let token = null;
  const raw = request.cookies.get(names.session)?.value;
  if (raw && !duplicateCookie) {
    try {
      token = await decodeSession({ token: raw, secret, salt: names.session });
    } catch {
      token = null; // forged, expired or written with another secret
    }
  }
  const activity = request.cookies.get(names.activity)?.value;

  // Auth.js's own routes are public, but a read of /api/auth/session is not the user's activity:
  // mark it so the server does not count it either.
  if (pathname.startsWith("/api/auth/")) {
    if (duplicateCookie) return withoutSession(request, names, secure, { [BACKGROUND_HEADER]: "1" });
    const headers = new Headers(request.headers);
    headers.set(BACKGROUND_HEADER, "1");
    return NextResponse.next({ request: { headers } });
  }

  // The page's countdown ran out and sent the browser here. Only if the session really is past its
  // idle limit is it dropped (so that a link elsewhere cannot sign anyone out); the sign-in page
  // must not see it, and the sweep it triggers records the end.
  if (pathname === SIGN_IN_PATH && request.nextUrl.searchParams.get("notice") === INACTIVITY_NOTICE && token) {
    // (+2 s: the page's clock started a moment after the server's, and timestamps are whole seconds.)
    const probe = await decideAccess(
      { pathname: "/", search: "", expectsData: false, serverAction: false, duplicateCookie: false, background: true, activity },
      token,
      now + 2,
      limits,
      secret,
    );
    if (probe.kind !== "next") return withoutSession(request, names, secure);
  }

  const decision = await decideAccess(
    {
      pathname,
      search: request.nextUrl.search,
      expectsData: request.headers.has("next-action") || pathname.startsWith("/api/"),
      serverAction: request.headers.has("next-action"),
      duplicateCookie,
      // (A countdown asking what is left is never activity, whatever it sends.)
      background: pathname === SESSION_IDLE_PATH || !countsAsActivity(request.headers),
      activity,
    },
    token,
    now,
    limits,
    secret,
  );

  if (decision.kind === "next") {
    if (decision.anonymous) return withoutSession(request, names, secure);
    if (pathname === SESSION_IDLE_PATH) {
      // The server must not count it either.
      const headers = new Headers(request.headers);
      headers.set(BACKGROUND_HEADER, "1");
      return NextResponse.next({ request: { headers } });
    }
    const response = NextResponse.next();
    if (decision.refreshActivity && token) {
      response.cookies.set(names.activity, await signActivity(secret, sessionBinding(token), now), {
        httpOnly: true,
        sameSite: "lax",
        secure,
        path: "/",
        maxAge: limits.SESSION_MAX_AGE_SECONDS,
      });
    }
    return response;
  }
  const response =
    decision.kind === "redirect"
      ? NextResponse.redirect(new URL(decision.location, request.url))
      : NextResponse.json(
          {
            error: MESSAGES[decision.reason],
            signIn: decision.reason === "signed-out" ? SIGN_IN_PATH : `${SIGN_IN_PATH}?notice=${decision.reason === "inactivity" ? INACTIVITY_NOTICE : CONFLICT_NOTICE}`,
          },
          { status: 401, headers: { "x-kaizen-session": decision.reason } },
        );
  if (decision.clearSession) {
    expire(response, names.session, secure);
    expire(response, names.activity, secure);
  }
  return response;
}

// Files a browser asks for by itself: never the user's activity, so they skip the session's checks.
// (The icons are app/favicon.ico and app/icon.svg; /robots.txt, missing, is the not-found page. Each
// gets the security headers like every page.)
const BROWSER_FILES = new Set(["/favicon.ico", "/icon.svg", "/robots.txt"]);

/** The session's decision, with the headers every response gets (a fresh Content-Security-Policy nonce, HSTS on HTTPS). */
export default async function middleware(request: NextRequest) {
  const response = BROWSER_FILES.has(request.nextUrl.pathname) ? NextResponse.next() : await sessionResponse(request);
  return withSecurityHeaders(request, response);
}

export const config = {
  // Everything but the build's static files and optimised images: never a page, never activity.
  matcher: ["/((?!_next/static|_next/image).*)"],
};
