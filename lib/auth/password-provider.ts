// The ordinary sign-in: username and password, checked against Argon2id hashes with one answer for
// every failure and a lockout kept in PostgreSQL (./credentials.ts).
import "server-only";
import { CredentialsSignin, type User } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { sessionLimits } from "@/lib/env";
import { signInSchema } from "@/lib/validations/auth";
import { verifyCredentials } from "./credentials";
import { clientIp } from "./request";
import { openAuthSession } from "./sessions";

/** Too many failed attempts for this username (or from this client): refused for a while, and said so. */
class RefusedSignInError extends CredentialsSignin {
  constructor(public readonly code: "locked" | "throttled") {
    super();
  }
}

/** Checks a username and password (shared by the impersonation re-login); null when they are wrong. */
export async function authenticate(raw: unknown, request: Request) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const result = await verifyCredentials(db, parsed.data, { ip: clientIp(request.headers) });
  if (!result.ok) {
    if (result.reason !== "invalid") throw new RefusedSignInError(result.reason);
    return null;
  }
  return result.user;
}

/** Opens the sign-in's AuthSession row (its id goes into the token): the session can be revoked. */
export function openSession(userId: string, request: Request): Promise<string> {
  return openAuthSession(db, { userId, ip: clientIp(request.headers), maxAgeSeconds: sessionLimits().SESSION_MAX_AGE_SECONDS });
}

export function passwordProvider() {
  return Credentials({
    id: "credentials",
    credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
    async authorize(raw, request): Promise<User | null> {
      const user = await authenticate(raw, request);
      if (!user) return null;
      return {
        id: user.id,
        name: user.name,
        email: user.email,
        username: user.username,
        organizationId: user.organizationId,
        sessionId: await openSession(user.id, request),
      };
    },
  });
}
