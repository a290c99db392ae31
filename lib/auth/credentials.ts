// Checks a username and password. One answer for unknown user, wrong password and deactivated user
// (the same work, the same message: sign-in does not tell who exists), and three limits kept in
// PostgreSQL so they hold across app instances and across parallel requests:
// - per username: after LOCKOUT_FAILURES failures within LOCKOUT_WINDOW_MS, further attempts are
//   refused until LOCKOUT_WINDOW_MS after the last of them (an administrator can clear it);
// - per client: after CLIENT_FAILURES failures from one address (an IPv6 client by its /64) within
//   the window, that address is refused, so one source cannot lock out everyone;
// - and each failure from an address makes its next failure slower to answer (progressiveDelayMs):
//   a success is never delayed.
// Every attempt is recorded *before* the password is checked, under a lock on its username and
// address, so forty parallel guesses cannot all read "9 failures so far": at most
// LOCKOUT_FAILURES of them are ever checked. A refused attempt runs no Argon2 at all.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { transact, type Tx } from "@/lib/mutation";
import { clientKey } from "@/lib/net/client-address";
import { verifyDummyPassword, verifyPassword } from "./password";

export const LOCKOUT_FAILURES = 10;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const CLIENT_FAILURES = 30;
const MAX_DELAY_MS = 8_000;

/** How long to wait before answering a client with this many recent failures: 0, 0, 0, ½ s, 1 s, 2 s … 8 s. */
export function progressiveDelayMs(clientFailures: number): number {
  return clientFailures < 3 ? 0 : Math.min(MAX_DELAY_MS, 250 * 2 ** (clientFailures - 2));
}

type VerifiedUser = { id: string; username: string; name: string; email: string | null; organizationId: string };

export type CredentialsResult =
  | { ok: true; user: VerifiedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked" | "throttled"; until: Date };

/** Failures that count towards a username's lockout: not refused attempts, not cleared ones. */
const countingFailures = (username: string, since: Date) => ({
  username,
  succeeded: false,
  refused: false,
  clearedAt: null,
  createdAt: { gt: since },
});

/** When the username is locked out, until when; otherwise null. */
export async function lockedUntil(db: Pick<PrismaClient, "signInAttempt">, username: string, now = new Date()): Promise<Date | null> {
  const recentFailures = await db.signInAttempt.findMany({
    where: countingFailures(username, new Date(now.getTime() - 2 * LOCKOUT_WINDOW_MS)),
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

/** Failures from one client address within the window. */
async function clientFailures(tx: Pick<Tx, "signInAttempt">, ip: string, now: Date): Promise<number> {
  return tx.signInAttempt.count({ where: { ip, succeeded: false, refused: false, createdAt: { gt: new Date(now.getTime() - LOCKOUT_WINDOW_MS) } } });
}

/** How long an attempt may wait for a database connection to be admitted (Prisma's default: 2 s). */
const ADMISSION_WAIT_MS = 15_000;

type Admission = { kind: "admitted"; attemptId: bigint; delayMs: number } | { kind: "locked" | "throttled"; until: Date; delayMs: number };

/**
 * Decides, under a lock on the username and the client, whether this attempt may check a password,
 * and records it either way (an admitted one as a failure until it succeeds).
 */
function admit(db: PrismaClient, username: string, userId: string | null, ip: string | null, now: Date): Promise<Admission> {
  // A flood of attempts at one username queues for its lock and for the pool: each waits its turn
  // rather than failing with a server error after Prisma's 2 s.
  return transact(db, async ({ tx }) => {
    // Username first, then client: every attempt takes the locks in this order, so none deadlock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`kaizen.sign-in.user:${username}`}, 0))`;
    if (ip) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`kaizen.sign-in.client:${ip}`}, 0))`;
    const fromClient = ip ? await clientFailures(tx, ip, now) : 0;
    const refuse = async (kind: "locked" | "throttled", until: Date): Promise<Admission> => {
      await tx.signInAttempt.create({ data: { username, userId, ip, succeeded: false, refused: true, createdAt: now } });
      return { kind, until, delayMs: progressiveDelayMs(fromClient) };
    };
    const until = await lockedUntil(tx, username, now);
    if (until) return refuse("locked", until);
    if (fromClient >= CLIENT_FAILURES) return refuse("throttled", new Date(now.getTime() + LOCKOUT_WINDOW_MS));
    const attempt = await tx.signInAttempt.create({ data: { username, userId, ip, succeeded: false, createdAt: now }, select: { id: true } });
    return { kind: "admitted", attemptId: attempt.id, delayMs: progressiveDelayMs(fromClient) };
  }, { maxWait: ADMISSION_WAIT_MS });
}

export async function verifyCredentials(
  db: PrismaClient,
  input: { username: string; password: string },
  meta: { ip?: string | null; now?: Date; sleep?: (ms: number) => Promise<void> } = {},
): Promise<CredentialsResult> {
  const username = input.username.trim().toLowerCase();
  // Looked up first on every path (refused ones too), so that the work done does not tell them apart.
  const user = await db.user.findUnique({
    where: { username },
    select: { id: true, username: true, name: true, email: true, organizationId: true, active: true, passwordHash: true },
  });
  const admission = await admit(db, username, user?.id ?? null, meta.ip ? clientKey(meta.ip) : null, meta.now ?? new Date());
  const slowDown = (delayMs: number) => (delayMs > 0 ? (meta.sleep ?? ((ms) => new Promise<void>((r) => setTimeout(r, ms))))(delayMs) : undefined);
  if (admission.kind !== "admitted") {
    // Refused before any password is checked, and without hashing: its message already says it was
    // refused, and a hash per refusal would let a flood of them buy the server's CPU.
    await slowDown(admission.delayMs);
    return { ok: false, reason: admission.kind, until: admission.until };
  }

  const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDummyPassword(input.password);
  const succeeded = Boolean(user && user.active && passwordOk);
  if (!succeeded || !user) {
    // Already recorded as a failure at admission: nothing more to write (and so no more work than
    // a refused attempt does).
    await slowDown(admission.delayMs);
    return { ok: false, reason: "invalid" };
  }
  await db.signInAttempt.update({ where: { id: admission.attemptId }, data: { succeeded: true } });
  const { active: _active, passwordHash: _hash, ...verified } = user;
  return { ok: true, user: verified };
}
