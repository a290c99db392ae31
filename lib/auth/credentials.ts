// Checks a username and password. One answer for unknown user, wrong password and deactivated user
// (same work, same message: sign-in does not tell who exists), and a lockout kept in PostgreSQL so
// it holds across app instances: after LOCKOUT_FAILURES failures for one username within
// LOCKOUT_WINDOW_MS, further attempts are refused until LOCKOUT_WINDOW_MS after the last of them.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { verifyDummyPassword, verifyPassword } from "./password";

export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;

export type VerifiedUser = {
  id: string;
  username: string;
  name: string;
  email: string | null;
  organizationId: string;
};

export type CredentialsResult =
  | { ok: true; user: VerifiedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

/** When the username is locked out, until when; otherwise null. */
export async function lockedUntil(db: PrismaClient, username: string, now = new Date()): Promise<Date | null> {
  const recentFailures = await db.signInAttempt.findMany({
    where: { username, succeeded: false, createdAt: { gt: new Date(now.getTime() - 2 * LOCKOUT_WINDOW_MS) } },
    orderBy: { createdAt: "desc" },
    take: LOCKOUT_FAILURES,
    select: { createdAt: true },
  });
  if (recentFailures.length < LOCKOUT_FAILURES) return null;
  const newest = recentFailures[0]!.createdAt.getTime();
  const oldest = recentFailures[LOCKOUT_FAILURES - 1]!.createdAt.getTime();
  if (newest - oldest > LOCKOUT_WINDOW_MS) return null;
  const until = new Date(newest + LOCKOUT_WINDOW_MS);
  return until > now ? until : null;
}

export async function verifyCredentials(
  db: PrismaClient,
  input: { username: string; password: string },
  meta: { ip?: string | null } = {},
): Promise<CredentialsResult> {
  const username = input.username.trim().toLowerCase();
  const until = await lockedUntil(db, username);
  if (until) return { ok: false, reason: "locked", until };

  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, username: true, name: true, email: true, organizationId: true, active: true, passwordHash: true },
  });
  const passwordOk = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyDummyPassword(input.password);
  const succeeded = Boolean(user && user.active && passwordOk);

  await db.signInAttempt.create({
    data: { username, userId: user?.id ?? null, succeeded, ip: meta.ip ?? null },
  });
  if (!succeeded || !user) return { ok: false, reason: "invalid" };
  const { active: _active, passwordHash: _hash, ...verified } = user;
  return { ok: true, user: verified };
}
