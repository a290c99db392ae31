// Sign-in checks against the real database: one answer for every failure, and the lockout.
import { describe, expect, it } from "vitest";
import { LOCKOUT_FAILURES, LOCKOUT_WINDOW_MS, lockedUntil, verifyCredentials } from "@/lib/auth/credentials";
import { hashSlots } from "@/lib/auth/hash-slots";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { createTestDatabase } from "../support/database";

const { db } = await createTestDatabase("demo");
const noWait = { sleep: async () => {} };
/** How many Argon2 computations `work` ran (every one passes through the hash slots). */
async function hashesRunBy(work: () => Promise<unknown>): Promise<number> {
  const before = hashSlots().stats().started;
  await work();
  return hashSlots().stats().started - before;
}

describe("verifyCredentials", () => {
  it("signs in an active user with the right password, case-insensitively, and records it", async () => {
    const result = await verifyCredentials(db, { username: " Gina ", password: DEMO_PASSWORD }, { ip: "127.0.0.1" });
    expect(result).toMatchObject({ ok: true, user: { username: "gina", name: "Gina Global" } });
    expect(result.ok && "passwordHash" in result.user).toBe(false);
    const attempt = await db.signInAttempt.findFirstOrThrow({ where: { username: "gina" }, orderBy: { id: "desc" } });
    expect(attempt).toMatchObject({ succeeded: true, ip: "127.0.0.1" });
  });

  it("gives one answer for a wrong password, an unknown user and a deactivated user", async () => {
    const answers = await Promise.all([
      verifyCredentials(db, { username: "jane", password: "wrong" }),
      verifyCredentials(db, { username: "nobody-here", password: DEMO_PASSWORD }),
      verifyCredentials(db, { username: "dora", password: DEMO_PASSWORD }),
    ]);
    expect(answers).toEqual([
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
      { ok: false, reason: "invalid" },
    ]);
    const failures = await db.signInAttempt.findMany({ where: { username: { in: ["jane", "nobody-here", "dora"] } } });
    expect(failures.map((f) => [f.username, f.succeeded]).sort()).toEqual([
      ["dora", false],
      ["jane", false],
      ["nobody-here", false],
    ]);
  });

  it(`locks a username after ${LOCKOUT_FAILURES} failures within 15 minutes, even for the right password`, async () => {
    for (let i = 0; i < LOCKOUT_FAILURES; i++) {
      expect(await verifyCredentials(db, { username: "lena", password: `guess-${i}` })).toEqual({ ok: false, reason: "invalid" });
    }
    const locked = await verifyCredentials(db, { username: "lena", password: DEMO_PASSWORD });
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    // Other usernames are unaffected.
    expect((await verifyCredentials(db, { username: "luis", password: DEMO_PASSWORD })).ok).toBe(true);
    // It lifts 15 minutes after the last failure.
    const until = await lockedUntil(db, "lena");
    expect(until).not.toBeNull();
    expect(await lockedUntil(db, "lena", new Date(until!.getTime() + 1000))).toBeNull();
  });

  it("does not lock for failures spread over more than the window", async () => {
    const now = Date.now();
    await db.signInAttempt.createMany({
      data: Array.from({ length: LOCKOUT_FAILURES }, (_, i) => ({
        username: "nora",
        succeeded: false,
        // Nine failures 20 minutes ago, the tenth a minute ago: never ten within 15 minutes.
        createdAt: new Date(i === LOCKOUT_FAILURES - 1 ? now - 60_000 : now - LOCKOUT_WINDOW_MS - 5 * 60_000 + i * 1000),
      })),
    });
    expect(await lockedUntil(db, "nora")).toBeNull();
  });
});

describe("what a sign-in costs", () => {
  it("a burst of parallel sign-ins runs at most the configured number of hashes at once", async () => {
    await verifyCredentials(db, { username: "warm-up", password: "x" }, noWait); // the dummy hash is made once
    const slots = hashSlots();
    slots.resetHighWater();
    const burst = 4 * slots.limit + 3;
    const hashes = await hashesRunBy(() =>
      Promise.all(Array.from({ length: burst }, (_, i) => verifyCredentials(db, { username: `burst-${i}`, password: "x" }, { ip: `10.77.0.${i}`, ...noWait }))),
    );
    expect(hashes).toBe(burst);
    expect(slots.stats().highWater).toBeLessThanOrEqual(slots.limit);
    expect(slots.stats()).toMatchObject({ running: 0, waiting: 0 });
  });
});
