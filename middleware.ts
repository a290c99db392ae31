// Edge middleware: the first line of defence (every page and action checks again on the server).
// Next 16 suggests renaming this file to proxy.ts, but proxy.ts runs only on Node; the idle cutoff
// must run statelessly on the edge runtime, so the file keeps its name (the warning is expected).
//
// It signs users out after inactivity (5 minutes for an impersonation, 30 for an ordinary session,
// both configurable) using a signed last-activity cookie that every request from the user
// refreshes. It reads the Auth.js session cookie itself rather than wrapping Auth.js's `auth`, which
// re-issues the session cookie on every request — including the one that signs out, where the two
// Set-Cookie headers then race and a signed-out browser can stay signed in.
import { decode } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { decideAccess, INACTIVITY_NOTICE, SIGN_IN_PATH, sessionCookieName } from "@/lib/auth/edge/access";
import { ACTIVITY_COOKIE, BACKGROUND_HEADER, isBackgroundRequest, sessionBinding, signActivity } from "@/lib/auth/edge/activity";
import { sessionLimits } from "@/lib/env";

const limits = sessionLimits();

/** HTTPS as Auth.js sees it (behind a TLS-terminating proxy too), which names its cookie. */
function isSecure(request: NextRequest): boolean {
  return (
    request.nextUrl.protocol === "https:" ||
    request.headers.get("x-forwarded-proto") === "https" ||
    Boolean(process.env.AUTH_URL?.startsWith("https:"))
  );
}

export default async function middleware(request: NextRequest) {
  const secret = process.env.AUTH_SECRET ?? "";
  const secure = isSecure(request);
  const sessionCookie = sessionCookieName(secure);
  const now = Math.floor(Date.now() / 1000);
  const { pathname } = request.nextUrl;

  let token = null;
  const raw = request.cookies.get(sessionCookie)?.value;
  if (raw && secret) {
    try {
      token = await decode({ token: raw, secret, salt: sessionCookie });
    } catch {
      token = null; // forged, expired or written with another secret
    }
  }
  const activity = request.cookies.get(ACTIVITY_COOKIE)?.value;
  const background = isBackgroundRequest(request.headers);

  // Auth.js's own routes are public, but a read of /api/auth/session is not the user's activity:
  // mark it so the server does not count it either.
  if (pathname.startsWith("/api/auth/")) {
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
      { pathname: "/", search: "", expectsData: false, background: true, activity },
      token,
      now + 2,
      limits,
      secret,
    );
    if (probe.kind !== "next") {
      const headers = new Headers(request.headers);
      const kept = request.cookies.getAll().filter((c) => c.name !== sessionCookie && c.name !== ACTIVITY_COOKIE);
      headers.set("cookie", kept.map((c) => `${c.name}=${c.value}`).join("; "));
      const response = NextResponse.next({ request: { headers } });
      response.cookies.delete(sessionCookie);
      response.cookies.delete(ACTIVITY_COOKIE);
      return response;
    }
  }

  const decision = await decideAccess(
    {
      pathname,
      search: request.nextUrl.search,
      expectsData: request.headers.has("next-action") || pathname.startsWith("/api/"),
      background,
      activity,
    },
    token,
    now,
    limits,
    secret,
  );

  if (decision.kind === "next") {
    const response = NextResponse.next();
    if (decision.refreshActivity && token) {
      response.cookies.set(ACTIVITY_COOKIE, await signActivity(secret, sessionBinding(token), now), {
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
            error: decision.reason === "inactivity" ? "You were signed out after a period of inactivity." : "Your session has ended. Sign in again.",
            signIn: decision.reason === "inactivity" ? `${SIGN_IN_PATH}?notice=${INACTIVITY_NOTICE}` : SIGN_IN_PATH,
          },
          { status: 401, headers: { "x-kaizen-session": decision.reason } },
        );
  if (decision.clearSession) {
    response.cookies.delete(sessionCookie);
    response.cookies.delete(ACTIVITY_COOKIE);
  }
  return response;
}

export const config = {
  // Everything but static assets (which are not activity).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
