// Edge middleware: the first line of defence (every page and action checks again on the server).
// Next 16 suggests renaming this file to proxy.ts, but proxy.ts runs only on Node; the idle cutoff
// must run statelessly on the edge runtime, so the file keeps its name (the warning is expected).
import NextAuth from "next-auth";
import authConfig from "@/auth.config";

export const { auth: middleware } = NextAuth(authConfig);

export default middleware;

export const config = {
  // Everything but static assets.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)"],
};
