// What an anonymous visitor can make the server do. Ending what has run out is the schedule's work
// (the minute timer, the cron route, at most every 30 s after a request): neither a sign-in POST nor
// the sign-in page sweeps every organization for them. Seen from the database: an impersonation
// that ran out, its row locked by the test, makes whatever tries to end it wait on the lock.
import pg from "pg";
import { expect, test } from "@playwright/test";
import { ATTACK_LIMITS, Client, impersonating, signedIn, sql } from "../support/attack";

/** Holds the impersonation's row as its owner would, so anything that tries to end it waits. */
async function lockRow(id: string) {
  const owner = new pg.Client({ connectionString: process.env.ATTACK_DIRECT_URL });
  await owner.connect();
  await owner.query("BEGIN");
  await owner.query(`SELECT id FROM "ImpersonationSession" WHERE id = $1 FOR UPDATE`, [id]);
  return {
    /** Connections of this database waiting for a lock (behind ours, or in the queue behind it). */
    waiting: async () => {
      const [row] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND cardinality(pg_blocking_pids(pid)) > 0`,
      );
      return row!.n;
    },
    release: async () => {
      await owner.query("ROLLBACK");
      await owner.end();
    },
  };
}

/** Resolves with the response, or with "no answer" after `ms`. */
const within = <T,>(ms: number, work: Promise<T>) =>
  Promise.race([work, new Promise<"no answer">((resolve) => setTimeout(() => resolve("no answer"), ms).unref())]);

// At most these may be waiting on their own: one run of a server's timer, one of the work that
// follows an impersonation's own request (this server runs no timer, and nothing here is either).
const SCHEDULED_RUNS = 2;

test("sign-ins and the sign-in page leave an impersonation that ran out to the schedule; reads still show it ended, at its real end", async () => {
  const reason = `ran out while nobody looked ${Date.now()}`;
  await impersonating("gina", "jane", reason);
  const [session] = await sql<{ id: string; lastActivityAt: Date }>(`SELECT id, "lastActivityAt" FROM "ImpersonationSession" WHERE reason = $1`, [reason]);
  const lock = await lockRow(session!.id);
  try {
    // Nobody uses it: past its idle limit (and the 2 s allowance for clocks) it has run out.
    const ranOut = session!.lastActivityAt.getTime() + (ATTACK_LIMITS.IMPERSONATION_IDLE_TIMEOUT_SECONDS + 3) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ranOut - Date.now())));

    // The page the idle redirect lands on, asked again and again.
    for (let i = 0; i < 5; i++) expect((await new Client().page("/sign-in?notice=inactivity")).status).toBe(200);
    let waiting = 0;
    for (let tries = 0; tries < 10 && waiting <= SCHEDULED_RUNS; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      waiting = await lock.waiting();
    }
    expect.soft(waiting, "connections waiting to end the impersonation after 5 visits to the sign-in page").toBeLessThanOrEqual(SCHEDULED_RUNS);

    // Wrong sign-ins through the form's Server Action answer at once: none waits to end it first.
    const answers = await Promise.all(
      Array.from({ length: 3 }, (_, i) =>
        within(30_000, new Client().action("/sign-in", "signInAction", { username: `nobody-${i}-${Date.now()}`, password: "wrong-password" })),
      ),
    );
    expect.soft(answers.map((a) => (a === "no answer" ? a : a.status))).toEqual([200, 200, 200]);
    expect.soft(await lock.waiting(), "connections waiting to end the impersonation after 3 sign-ins").toBeLessThanOrEqual(SCHEDULED_RUNS);
  } finally {
    await lock.release();
  }

  // Reads tell the truth all the same: ended for inactivity, at last activity + the limit.
  const gina = await signedIn("gina");
  expect((await gina.page(`/admin/impersonations/${session!.id}`)).text.replaceAll("<!-- -->", "")).toContain("Ended: inactivity");
  // Not written by that read (reads write nothing), but by the scheduler: here the cron route, as
  // this server runs no timer.
  const row = async () =>
    (await sql<{ status: string; endReason: string; endedAt: Date }>(`SELECT status, "endReason", "endedAt" FROM "ImpersonationSession" WHERE id = $1`, [session!.id]))[0];
  expect((await row())?.status).toBe("ACTIVE");
  expect((await new Client().request("/api/cron/sweep", { headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } })).status).toBe(200);
  expect(await row()).toEqual({
    status: "ENDED",
    endReason: "INACTIVITY",
    endedAt: new Date(session!.lastActivityAt.getTime() + ATTACK_LIMITS.IMPERSONATION_IDLE_TIMEOUT_SECONDS * 1000),
  });
});
