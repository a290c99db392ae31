// Sign-in checks against the real database: one answer for every failure, and the lockout.
import { describe, expect, it } from "vitest";
import { CLIENT_FAILURES, LOCKOUT_FAILURES, LOCKOUT_WINDOW_MS, lockedUntil, verifyCredentials } from "@/lib/auth/credentials";
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
  it("a refused attempt (locked username, throttled client) runs no Argon2; a checked one runs exactly one", async () => {
    await verifyCredentials(db, { username: "warm-up", password: "x" }, noWait); // the dummy hash is made once
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await verifyCredentials(db, { username: "luis", password: `guess-${i}` }, { ip: `192.0.2.${i}`, ...noWait });
    let locked: unknown;
    expect(await hashesRunBy(async () => (locked = await verifyCredentials(db, { username: "luis", password: DEMO_PASSWORD }, { ip: "192.0.2.99", ...noWait })))).toBe(0);
    expect(locked).toMatchObject({ ok: false, reason: "locked" });

    const ip = "203.0.113.77";
    await db.signInAttempt.createMany({ data: Array.from({ length: CLIENT_FAILURES }, (_, i) => ({ username: `ghost-${i}`, ip, succeeded: false })) });
    let throttled: unknown;
    expect(await hashesRunBy(async () => (throttled = await verifyCredentials(db, { username: "sam", password: DEMO_PASSWORD }, { ip, ...noWait })))).toBe(0);
    expect(throttled).toMatchObject({ ok: false, reason: "throttled" });

    // Unknown user, wrong password, deactivated user: one hash each, so their times stay alike.
    for (const username of ["nobody-at-all", "jane", "dora"]) {
      expect(await hashesRunBy(() => verifyCredentials(db, { username, password: username === "jane" ? "wrong" : DEMO_PASSWORD }, { ip: "198.51.100.20", ...noWait }))).toBe(1);
    }
  });

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
