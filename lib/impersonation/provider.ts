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
import { revokeAuthSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { prepareImpersonation, sessionImpersonation, startImpersonation } from "./start";

type ImpersonationSignInCode = "impersonation-expired" | "impersonation-mismatch" | "impersonation-denied" | "impersonation-no-consent";

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
      // What the start needs is read (and the notice rendered) while the password is checked.
      const now = new Date();
      const prepared = prepareImpersonation(db, token, env(), now);
      prepared.catch(() => undefined); // (a failed read surfaces below, once the password is proved)
      const verified = await authenticate(raw, request);
      if (!verified) return null;
      // The sign-in is the actor's own: its row is theirs, opened beside the start (and closed again
      // if the start is refused).
      const signIn = openSession(verified.id, request);
      signIn.catch(() => undefined); // (awaited below)
      const close = () => signIn.then((id) => revokeAuthSession(db, id, "sign-in-refused")).catch(() => undefined);
      const started = await startImpersonation(db, { token, verifiedUserId: verified.id, prepared }, env(), now).catch(async (error: unknown) => {
        await close();
        throw error;
      });
      if (!started.ok) {
        await close();
        throw new ImpersonationSignInError(started.code === "denied" && started.reason === "no-consent" ? "impersonation-no-consent" : `impersonation-${started.code}`);
      }
      const { target, actor, session, viewOnly, grantExpiresAt } = started.started;
      return {
        id: target.id,
        name: target.name,
        email: target.email,
        username: target.username,
        organizationId: target.organizationId,
        sessionId: await signIn,
        actor,
        impersonation: sessionImpersonation(session, viewOnly, grantExpiresAt),
      };
    },
  });
}
