// The edge-safe half of the Auth.js configuration: no database, no Node APIs (the middleware shares
// its decisions and cookie names); auth.ts adds the Credentials providers, the Prisma adapter and
// the checks that need the database. Middleware is a first line only: every page and action checks
// again.
import type { NextAuthConfig } from "next-auth";
import { pastMaxAge, SIGN_IN_PATH } from "@/lib/auth/edge/access";
import { cookieNames } from "@/lib/auth/edge/cookies";
import { decodeSession, encodeSession } from "@/lib/auth/edge/jwt";
import { sessionLimits } from "@/lib/env";

const limits = sessionLimits();

/** Auth.js's cookies under our names: `__Host-` on HTTPS (lib/auth/edge/cookies.ts). */
export function authCookies(secure: boolean): NextAuthConfig["cookies"] {
  const names = cookieNames(secure);
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  return {
    sessionToken: { name: names.session, options },
    csrfToken: { name: names.csrf, options },
    callbackUrl: { name: names.callbackUrl, options },
  };
}

export default {
  pages: { signIn: SIGN_IN_PATH },
  session: { strategy: "jwt", maxAge: limits.SESSION_MAX_AGE_SECONDS },
  // Auth.js's own token format, with the key it derives from AUTH_SECRET worked out once.
  jwt: { encode: encodeSession, decode: decodeSession },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      // `user` is present only on the sign-in request, straight from the provider's authorize():
      // identity (effective user, actor, impersonation) is set by the server here and never taken
      // from the client afterwards. The `session` argument of an update() call is ignored on purpose.
      if (user) {
        token.sub = user.id;
        token.name = user.name;
        token.email = user.email;
        token.username = user.username;
        token.organizationId = user.organizationId;
        token.signedInAt = Math.floor(Date.now() / 1000);
        token.sid = user.sessionId;
        if (user.actor && user.impersonation) {
          token.actor = user.actor;
          token.impersonation = user.impersonation;
        } else {
          delete token.actor;
          delete token.impersonation;
        }
        return token;
      }
      // The cookie's expiry rolls forward as it is re-issued; this does not: 12 hours at most.
      if (pastMaxAge(token, Math.floor(Date.now() / 1000), limits.SESSION_MAX_AGE_SECONDS)) return null;
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
      session.actor = token.actor ?? null;
      session.impersonation = token.impersonation ?? null;
      return session;
    },
  },
} satisfies NextAuthConfig;
