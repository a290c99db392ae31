// The re-login that starts an impersonation, in one place: its own Credentials provider. It reads
// the pending request once (from the actor's httpOnly cookie, set at confirmation), checks that
// these are the requesting actor's own credentials, asks the policy again, starts the session, and
// returns the target layered over the actor — which Auth.js's jwt callback (auth.config.ts) puts in
// the new session token. Nothing the browser sends can name the target, the actor or the session.
import "server-only";
import { CredentialsSignin, type User } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookieNames, cookieFrom, isSecureRequest } from "@/lib/auth/edge/cookies";
import { authenticate, openSession } from "@/lib/auth/password-provider";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { startImpersonation } from "./service";

type ImpersonationSignInCode = "impersonation-expired" | "impersonation-mismatch" | "impersonation-denied";

/** The re-login did not start the impersonation; `code` says why (lib/auth/messages.ts words it). */
class ImpersonationSignInError extends CredentialsSignin {
  constructor(public readonly code: ImpersonationSignInCode) {
    super();
  }
}

export function impersonationProvider() {
  return Credentials({
    id: "impersonation",
    name: "Impersonation re-login",
    credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
    async authorize(raw, request): Promise<User | null> {
      const token = cookieFrom(request.headers.get("cookie"), cookieNames(isSecureRequest(request.url, request.headers)).request);
      if (!token) throw new ImpersonationSignInError("impersonation-expired");
      const verified = await authenticate(raw, request);
      if (!verified) return null;
      const started = await startImpersonation(db, { token, verifiedUserId: verified.id }, env());
      if (!started.ok) throw new ImpersonationSignInError(`impersonation-${started.code}`);
      const { target, actor, session } = started.started;
      return {
        id: target.id,
        name: target.name,
        email: target.email,
        username: target.username,
        organizationId: target.organizationId,
        // The sign-in is the actor's own: its row is theirs.
        sessionId: await openSession(actor.id, request),
        actor,
        impersonation: {
          id: session.id,
          startedAt: session.startedAt.toISOString(),
          absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
          idleTimeoutSeconds: session.idleTimeoutSeconds,
        },
      };
    },
  });
}
