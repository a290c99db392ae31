// Auth.js, the full configuration (Node only): the two Credentials providers — the ordinary sign-in
// (lib/auth/password-provider.ts) and the re-login that starts an impersonation
// (lib/impersonation/provider.ts) — JWT sessions whose every sign-in is a revocable row
// (lib/auth/sessions.ts), the Prisma adapter for Auth.js's own tables, and the checks on every
// later request that the edge half cannot make. The configuration is built per request: on HTTPS
// the cookies carry the `__Host-` prefix.
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { after } from "next/server";
import authConfig, { authCookies } from "@/auth.config";
import { passwordProvider } from "@/lib/auth/password-provider";
import { isSecure, isUsersOwnRequest, requestAllowsSession } from "@/lib/auth/request-check";
import { revokeAuthSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { authSecret, env } from "@/lib/env";
import { checkImpersonationSession } from "@/lib/impersonation/check";
import { endImpersonation } from "@/lib/impersonation/end";
import { impersonationProvider } from "@/lib/impersonation/provider";
import { catchUpSoon } from "@/lib/jobs/scheduler";
import { loadSignedInViewer, rememberViewerAuthority } from "@/lib/permissions/viewer";

/** Work for after the response (a write the response does not wait for); at once outside a request. */
function afterResponse(work: () => Promise<unknown>) {
  try {
    after(work);
  } catch {
    void work().catch((error: unknown) => console.error(error));
  }
}

const config: Omit<NextAuthConfig, "cookies"> = {
  ...authConfig,
  logger: {
    // A failed sign-in is an expected outcome (recorded in SignInAttempt), not a server error.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error(error);
    },
  },
  adapter: PrismaAdapter(db as unknown as Parameters<typeof PrismaAdapter>[0]),
  providers: [passwordProvider(), impersonationProvider()],
  events: {
    // Every way out — the app's Sign Out and Auth.js's own POST /api/auth/signout — closes this
    // sign-in, so a copy of its token works nowhere, and ends its impersonation.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token) return;
      if (token.sid) await revokeAuthSession(db, token.sid, "sign-out");
      if (token.impersonation) await endImpersonation(db, token.impersonation.id, { reason: "SIGN_OUT" }, env());
    },
  },
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
      const token = await authConfig.callbacks.jwt(params);
      if (!token || params.user) return token;
      // Every later request: the request itself (one copy of each cookie, not idle), this sign-in
      // still open, the user still active, and an impersonation still live in the database and
      // still allowed by the policy — whatever the token says.
      if (!token.sub || !token.sid) return null;
      if (!(await requestAllowsSession(token))) return null;
      if (token.impersonation) {
        const { live, target, viewOnly } = await checkImpersonationSession(db, token.impersonation.id, env(), new Date(), {
          touch: await isUsersOwnRequest(),
          actorSessionId: token.sid,
          defer: afterResponse,
        });
        if (!live) catchUpSoon(); // its end, recorded after this response, and the summary email sent
        if (!live || !target || target.userId !== token.sub) return null;
        rememberViewerAuthority(token.sub, target);
        token.impersonation = { ...token.impersonation, viewOnly };
        token.name = target.name;
        token.email = target.email;
        return token;
      }
      const viewer = await loadSignedInViewer(token.sub, token.sid);
      if (!viewer?.sessionOpen || !viewer.authority.active) return null;
      token.name = viewer.authority.name;
      token.email = viewer.authority.email;
      return token;
    },
  },
};

export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => ({
  ...config,
  secret: authSecret(), // the one reader of AUTH_SECRET (lib/env), not Auth.js's own lookup
  cookies: authCookies(await isSecure(request)),
}));
