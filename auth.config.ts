// The edge-safe half of the Auth.js configuration: no database, no Node APIs. middleware.ts builds
// its `auth` from this; auth.ts adds the Credentials provider, the Prisma adapter and the checks
// that need the database. Middleware is a first line only: every page and action checks again.
import type { NextAuthConfig } from "next-auth";
import { sessionLimits } from "@/lib/env";

export const SIGN_IN_PATH = "/sign-in";

/** Paths anyone may request without a session. */
export function isPublicPath(pathname: string): boolean {
  return pathname === SIGN_IN_PATH || pathname.startsWith("/api/auth/");
}

export default {
  pages: { signIn: SIGN_IN_PATH },
  session: { strategy: "jwt", maxAge: sessionLimits().SESSION_MAX_AGE_SECONDS },
  providers: [],
  callbacks: {
    authorized({ auth, request }) {
      if (isPublicPath(request.nextUrl.pathname)) return true;
      return Boolean(auth?.user);
    },
    jwt({ token, user }) {
      // `user` is present only on the sign-in request, straight from the provider's authorize():
      // identity is set by the server here and never taken from the client afterwards.
      if (user) {
        token.sub = user.id;
        token.name = user.name;
        token.email = user.email;
        token.username = user.username;
        token.organizationId = user.organizationId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub && token.username && token.organizationId) {
        session.user = {
          ...session.user,
          id: token.sub,
          name: token.name ?? token.username,
          email: token.email ?? "",
          username: token.username,
          organizationId: token.organizationId,
        };
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
