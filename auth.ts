// Auth.js, the full configuration (Node only): Credentials sign-in with Argon2id hashes, JWT
// sessions, the Prisma adapter for Auth.js's own tables, and the database checks that the edge
// half cannot make.
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import authConfig from "@/auth.config";
import { verifyCredentials } from "@/lib/auth/credentials";
import { db } from "@/lib/db";
import { signInSchema } from "@/lib/validations/auth";

/** Too many failed attempts for this username: refused for a while, with its own message. */
export class LockedOutError extends CredentialsSignin {
  code = "locked";
}

function clientIp(request: Request): string | null {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || null;
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
      credentials: { username: { label: "Username" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifyCredentials(db, parsed.data, { ip: clientIp(request) });
        if (!result.ok) {
          if (result.reason === "locked") throw new LockedOutError();
          return null;
        }
        const { user } = result;
        return { id: user.id, name: user.name, email: user.email, username: user.username, organizationId: user.organizationId };
      },
    }),
  ],
  callbacks: {
    ...authConfig.callbacks,
    async jwt(params) {
      const token = await authConfig.callbacks.jwt(params);
      if (!token || params.user) return token;
      // Every later request: the user must still exist and be active, whatever the JWT says.
      if (!token.sub) return null;
      const user = await db.user.findUnique({ where: { id: token.sub }, select: { active: true, name: true, email: true } });
      if (!user?.active) return null;
      token.name = user.name;
      token.email = user.email;
      return token;
    },
  },
});
