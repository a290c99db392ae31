// Auth.js, the full configuration (Node only): Credentials sign-in with Argon2id hashes, JWT
// sessions, the Prisma adapter for Auth.js's own tables, and the database checks that the edge
// half cannot make — including the re-login that starts an impersonation.
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin, type User } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import authConfig from "@/auth.config";
import { BACKGROUND_HEADER } from "@/lib/auth/activity";
import { verifyCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { checkImpersonationSession, endImpersonation, REQUEST_COOKIE, startImpersonation } from "@/lib/impersonation/service";
import { signInSchema } from "@/lib/validations/auth";

/** Too many failed attempts for this username: refused for a while, with its own message. */
export class LockedOutError extends CredentialsSignin {
  code = "locked";
}

/** The re-login of an impersonation did not start it; `code` says why (see app/(auth)/actions.ts). */
export class ImpersonationSignInError extends CredentialsSignin {
  constructor(public readonly code: "impersonation-expired" | "impersonation-mismatch" | "impersonation-denied") {
    super();
  }
}

/** A prefetch or a request the page marked as background does not count as activity. */
async function isBackgroundRequest(): Promise<boolean> {
  try {
    const h = await headers();
    return h.get(BACKGROUND_HEADER) === "1" || h.has("next-router-prefetch") || h.get("purpose") === "prefetch";
  } catch {
    return false; // outside a request
  }
}

function clientIp(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
}

function cookieValue(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie") ?? "";
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
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
  providers: [
    Credentials({
      credentials: {
        username: { label: "Username" },
        password: { label: "Password", type: "password" },
        impersonation: { label: "Completing an impersonation", type: "hidden" },
      },
      async authorize(raw, request): Promise<User | null> {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifyCredentials(db, parsed.data, { ip: clientIp(request) });
        if (!result.ok) {
          if (result.reason === "locked") throw new LockedOutError();
          return null;
        }
        const { user } = result;

        // Completing a pending impersonation (its token in the actor's cookie, set at confirmation):
        // these credentials must be the requesting actor's own, and the policy is asked again.
        const token = raw?.impersonation === "1" ? cookieValue(request, REQUEST_COOKIE) : undefined;
        if (!token) {
          return { id: user.id, name: user.name, email: user.email, username: user.username, organizationId: user.organizationId };
        }
        const started = await startImpersonation(db, { token, verifiedUserId: user.id }, env());
        if (!started.ok) throw new ImpersonationSignInError(`impersonation-${started.code}`);
        const { target, actor, session } = started.started;
        return {
          id: target.id,
          name: target.name,
          email: target.email,
          username: target.username,
          organizationId: target.organizationId,
          actor,
          impersonation: {
            id: session.id,
            startedAt: session.startedAt.toISOString(),
            absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
            idleTimeoutSeconds: session.idleTimeoutSeconds,
          },
        };
      },
    }),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
      const token = await authConfig.callbacks.jwt(params);
      if (!token || params.user) return token;
      // Every later request: the user must still exist and be active, and an impersonation must
      // still be live in the database (not ended, revoked, idle or past its cap), whatever the JWT says.
      if (!token.sub) return null;
      const user = await db.user.findUnique({ where: { id: token.sub }, select: { active: true, name: true, email: true } });
      if (!user?.active) {
        // The impersonated user was deactivated: the impersonation ends now, and says so.
        if (token.impersonation) await endImpersonation(db, token.impersonation.id, { reason: "REVOKED" });
        return null;
      }
      if (token.impersonation) {
        const live = await checkImpersonationSession(db, token.impersonation.id, new Date(), { touch: !(await isBackgroundRequest()) });
        if (!live) return null;
      }
      token.name = user.name;
      token.email = user.email;
      return token;
    },
  },
});
