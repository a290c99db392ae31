// Auth.js, the full configuration (Node only): the two Credentials providers — the ordinary sign-in
// (lib/auth/password-provider.ts) and the re-login that starts an impersonation
// (lib/impersonation/provider.ts) — JWT sessions, the Prisma adapter for Auth.js's own tables, and
// the database checks on every later request that the edge half cannot make.
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import { headers } from "next/headers";
import authConfig from "@/auth.config";
import { isBackgroundRequest } from "@/lib/auth/edge/activity";
import { passwordProvider } from "@/lib/auth/password-provider";
import { db } from "@/lib/db";
import { impersonationProvider } from "@/lib/impersonation/provider";
import { checkImpersonationSession, endImpersonation } from "@/lib/impersonation/service";
import { loadViewerAuthority } from "@/lib/permissions/viewer";

/** A prefetch or a request the page marked as background does not count as activity. */
async function isBackground(): Promise<boolean> {
  try {
    return isBackgroundRequest(await headers());
  } catch {
    return false; // outside a request
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
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
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
      const token = await authConfig.callbacks.jwt(params);
      if (!token || params.user) return token;
      // Every later request: the user must still exist and be active, and an impersonation must
      // still be live in the database (not ended, revoked, idle or past its cap), whatever the JWT
      // says. The user's row is read once per request, shared with the request context.
      if (!token.sub) return null;
      const user = await loadViewerAuthority(token.sub);
      if (!user?.active) {
        // The impersonated user was deactivated: the impersonation ends now, and says so.
        if (token.impersonation) await endImpersonation(db, token.impersonation.id, { reason: "REVOKED" });
        return null;
      }
      if (token.impersonation) {
        const live = await checkImpersonationSession(db, token.impersonation.id, new Date(), { touch: !(await isBackground()) });
        if (!live) return null;
      }
      token.name = user.name;
      token.email = user.email;
      return token;
    },
  },
});
