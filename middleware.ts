// Edge middleware: the first line of defence (every page and action checks again on the server).
// Next 16 suggests renaming this file to proxy.ts, but proxy.ts runs only on Node; the idle cutoff
// must run statelessly on the edge runtime, so the file keeps its name (the warning is expected).
//
// It reads the Auth.js session cookie itself rather than wrapping Auth.js's `auth`, which re-issues
// the session cookie on every request, including the one that signs out (the two Set-Cookie
// headers then race and a signed-out browser can stay signed in).
import { decode } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { decideAccess, sessionCookieName } from "@/lib/auth/edge-session";
import { sessionLimits } from "@/lib/env";

const limits = sessionLimits();

async function readToken(request: NextRequest) {
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  const secure = request.nextUrl.protocol === "https:";
  const name = sessionCookieName(secure);
  const value = request.cookies.get(name)?.value;
  if (!value) return null;
  try {
    return await decode({ token: value, secret, salt: name });
  } catch {
    return null; // forged, expired or written with another secret
  }
}

export default async function middleware(request: NextRequest) {
  const decision = decideAccess(
    {
      pathname: request.nextUrl.pathname,
      search: request.nextUrl.search,
      expectsData: request.headers.has("next-action") || request.nextUrl.pathname.startsWith("/api/"),
    },
    await readToken(request),
    Math.floor(Date.now() / 1000),
    limits,
  );
  if (decision.kind === "redirect") return NextResponse.redirect(new URL(decision.location, request.url));
  if (decision.kind === "unauthorized") {
    return NextResponse.json({ error: "Your session has ended. Sign in again." }, { status: 401 });
  }
  return NextResponse.next();
}

export const config = {
  // Everything but static assets.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
