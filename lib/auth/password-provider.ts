// The ordinary sign-in: username and password, checked against Argon2id hashes with one answer for
// every failure and a lockout kept in PostgreSQL (./credentials.ts).
import "server-only";
import { CredentialsSignin, type User } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/validations/auth";
import { verifyCredentials } from "./credentials";
import { clientIp } from "./request";

/** Too many failed attempts for this username: refused for a while, with its own message. */
class LockedOutError extends CredentialsSignin {
  code = "locked";
}

/** Checks a username and password (shared by the impersonation re-login); null when they are wrong. */
export async function authenticate(raw: unknown, request: Request) {
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return null;
  const result = await verifyCredentials(db, parsed.data, { ip: clientIp(request) });
  if (!result.ok) {
    if (result.reason === "locked") throw new LockedOutError();
    return null;
  }
  return result.user;
}

export function passwordProvider() {
  return Credentials({
    id: "credentials",
    credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
    async authorize(raw, request): Promise<User | null> {
      const user = await authenticate(raw, request);
      return user && { id: user.id, name: user.name, email: user.email, username: user.username, organizationId: user.organizationId };
    },
  });
}
