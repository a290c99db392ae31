// The server side of Impersonation Mode against the real database: single-use requests bound to
// the actor, the re-check at re-login, and every way a session ends, recorded truthfully.
import { describe, expect, it } from "vitest";
import { confirmImpersonation, NOT_ACTIVE, revokeImpersonation } from "@/lib/impersonation/mutations";
import { checkImpersonationSession } from "@/lib/impersonation/check";
import { endImpersonation, endWhatIsOver } from "@/lib/impersonation/end";
import { ACTIVITY_RECORD_INTERVAL_MS, IDLE_GRACE_MS } from "@/lib/impersonation/lifecycle";
import { cancelRequest, findPendingRequest, startImpersonation } from "@/lib/impersonation/start";
import { loadAuthority } from "@/lib/permissions/authority";
import { NOT_ALLOWED } from "@/lib/mutation";
import { contextFor, TEST_CONFIG } from "../support/context";
import { createTestDatabase } from "../support/database";

/** Whether the impersonation is still live, as a request of it would find it. */
const isLive = async (...args: Parameters<typeof checkImpersonationSession>) => (await checkImpersonationSession(...args)).live;

const { db } = await createTestDatabase("demo");
const users = Object.fromEntries(
  (await db.user.findMany({ select: { id: true, username: true, organizationId: true } })).map((u) => [u.username, u]),
);
const limits = TEST_CONFIG;

async function request(from: string, to: string, now = new Date()) {
  const { token } = await confirmImpersonation(await contextFor(db, from, { now }), { targetId: users[to]!.id, reason: "test" });
  return token;
}

describe("impersonation requests and sessions", () => {
  it("a request is single use and bound to the actor", async () => {
    const token = await request("gina", "jane");
    expect(await findPendingRequest(db, token)).toMatchObject({ target: { name: "Jane Doe" } });
    expect(await startImpersonation(db, { token, verifiedUserId: users.jane!.id }, limits)).toEqual({
      ok: false,
      code: "mismatch",
    });
    const started = await startImpersonation(db, { token, verifiedUserId: users.gina!.id }, limits);
    expect(started).toMatchObject({
      ok: true,
      started: { target: { name: "Jane Doe" }, actor: { name: "Gina Global" } },
    });
    expect(await startImpersonation(db, { token, verifiedUserId: users.gina!.id }, limits)).toEqual({
      ok: false,
      code: "expired",
    });
    expect(await findPendingRequest(db, token)).toBeNull();
    const types = (
      await db.timelineEvent.findMany({
        where: { actorId: users.gina!.id, type: { startsWith: "impersonation." } },
        orderBy: { id: "asc" },
      })
    ).map((e) => e.type);
    expect(types).toEqual(["impersonation.requested", "impersonation.denied", "impersonation.started"]);
  });

  it("two re-logins racing for one request start one session", async () => {
    const token = await request("gina", "sam");
    const results = await Promise.all(
      [1, 2, 3].map(() => startImpersonation(db, { token, verifiedUserId: users.gina!.id }, limits)),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.impersonationSession.count({ where: { actorId: users.gina!.id, targetId: users.sam!.id } })).toBe(
      1,
    );
  });

  it("an expired request starts nothing", async () => {
    const token = await request("gina", "lena", new Date(Date.now() - 301_000));
    expect(await startImpersonation(db, { token, verifiedUserId: users.gina!.id }, limits)).toEqual({
      ok: false,
      code: "expired",
    });
  });

  it("Cancel on the sign-in page drops the request once, recorded once, and it starts nothing after", async () => {
    const token = await request("luis", "lena");
    const cancelled = () => db.timelineEvent.findMany({ where: { type: "impersonation.cancelled", actorId: users.luis!.id } });
    await cancelRequest(db, token);
    await cancelRequest(db, token);
    expect(await db.impersonationRequest.findMany({ where: { actorId: users.luis!.id, targetId: users.lena!.id }, select: { status: true } })).toEqual([
      { status: "CANCELLED" },
    ]);
    expect((await cancelled()).map((e) => ({ userId: e.userId, subjectUserId: e.subjectUserId }))).toEqual([{ userId: users.luis!.id, subjectUserId: users.lena!.id }]);
    expect(await startImpersonation(db, { token, verifiedUserId: users.luis!.id }, limits)).toEqual({ ok: false, code: "expired" });
  });

  it("the policy is asked again at the re-login", async () => {
    const token = await request("luis", "jane");
    await db.permissionGrant.deleteMany({ where: { userId: users.luis!.id, permission: "IMPERSONATE_USER" } });
    expect(await startImpersonation(db, { token, verifiedUserId: users.luis!.id }, limits)).toEqual({
      ok: false,
      code: "denied",
      reason: "not-permitted",
    });
    expect(await findPendingRequest(db, token)).toBeNull();
  });

  it("sessions end for inactivity and at the absolute cap with their real end times, and on revocation", async () => {
    const t0 = new Date("2026-01-01T10:00:00Z");
    const idle = await startImpersonation(
      db,
      { token: await request("gina", "nora", t0), verifiedUserId: users.gina!.id },
      limits,
      t0,
    );
    const idleId = idle.ok ? idle.started.session.id : "";
    expect(await isLive(db, idleId, TEST_CONFIG, new Date(t0.getTime() + 299_000))).toBe(true);
    // That request moved lastActivityAt; 300 s (+ IDLE_GRACE_MS for clocks) after it, it has timed out.
    expect(
      await isLive(db, idleId, TEST_CONFIG, new Date(t0.getTime() + 299_000 + 300_000 + IDLE_GRACE_MS - 1), {
        touch: false,
      }),
    ).toBe(true);
    expect(
      await isLive(db, idleId, TEST_CONFIG, new Date(t0.getTime() + 299_000 + 300_000 + IDLE_GRACE_MS + 1), {
        touch: false,
      }),
    ).toBe(false);
    expect(await db.impersonationSession.findUniqueOrThrow({ where: { id: idleId } })).toMatchObject({
      status: "ENDED",
      endReason: "INACTIVITY",
      endedAt: new Date(t0.getTime() + 299_000 + 300_000),
    });

    const capped = await startImpersonation(
      db,
      { token: await request("gina", "luis", t0), verifiedUserId: users.gina!.id },
      limits,
      t0,
    );
    const cappedId = capped.ok ? capped.started.session.id : "";
    for (let minute = 4; minute <= 56; minute += 4) {
      expect(await isLive(db, cappedId, TEST_CONFIG, new Date(t0.getTime() + minute * 60_000))).toBe(true);
    }
    expect(await isLive(db, cappedId, TEST_CONFIG, new Date(t0.getTime() + 60 * 60_000))).toBe(false);
    expect(await db.impersonationSession.findUniqueOrThrow({ where: { id: cappedId } })).toMatchObject({
      endReason: "ABSOLUTE_CAP",
      endedAt: new Date(t0.getTime() + 3_600_000),
    });

    // Idle before the cap, noticed after it: ended for inactivity, at its idle end.
    const late = await startImpersonation(
      db,
      { token: await request("gina", "nora", t0), verifiedUserId: users.gina!.id },
      limits,
      t0,
    );
    const lateId = late.ok ? late.started.session.id : "";
    for (let minute = 4; minute <= 52; minute += 4) {
      expect(await isLive(db, lateId, TEST_CONFIG, new Date(t0.getTime() + minute * 60_000))).toBe(true);
    }
    expect(await isLive(db, lateId, TEST_CONFIG, new Date(t0.getTime() + 65 * 60_000))).toBe(false);
    expect(await db.impersonationSession.findUniqueOrThrow({ where: { id: lateId } })).toMatchObject({
      endReason: "INACTIVITY",
      endedAt: new Date(t0.getTime() + 57 * 60_000),
    });

    const revoked = await startImpersonation(
      db,
      { token: await request("sid", "jane"), verifiedUserId: users.sid!.id },
      limits,
    );
    const revokedId = revoked.ok ? revoked.started.session.id : "";
    const as = (u: string) => contextFor(db, u);
    // Refused as "not allowed", "not found" (another organization's looks like none), then done.
    await expect(revokeImpersonation(await as("jane"), { sessionId: revokedId })).rejects.toThrow(NOT_ALLOWED);
    await expect(revokeImpersonation(await as("gabe"), { sessionId: revokedId })).rejects.toThrow(NOT_ACTIVE);
    await revokeImpersonation(await as("lena"), { sessionId: revokedId }); // jane is in lena's Locations
    expect(await isLive(db, revokedId, TEST_CONFIG)).toBe(false);
    expect(await endImpersonation(db, revokedId, { reason: "SIGN_OUT" }, TEST_CONFIG)).toBe(false); // ends once
    const ended = await db.timelineEvent.findMany({
      where: { impersonationSessionId: revokedId, type: "impersonation.ended" },
    });
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ userId: users.lena!.id, details: { endReason: "REVOKED" } });
  });

  it("a request reads the target's authority with the impersonation, and records activity at most once a second, after the response", async () => {
    // The record never lags by more than the idle check allows for.
    expect(ACTIVITY_RECORD_INTERVAL_MS).toBeLessThanOrEqual(IDLE_GRACE_MS);
    const t0 = new Date(Date.now() - 60_000);
    const started = await startImpersonation(db, { token: await request("gina", "jane", t0), verifiedUserId: users.gina!.id }, limits, t0);
    const id = started.ok ? started.started.session.id : "";
    const lastActivity = async () => (await db.impersonationSession.findUniqueOrThrow({ where: { id }, select: { lastActivityAt: true } })).lastActivityAt.getTime();
    const at = (ms: number) => new Date(t0.getTime() + ms);

    // The target comes back from the same query, as loadAuthority would read it.
    const first = await checkImpersonationSession(db, id, TEST_CONFIG, at(ACTIVITY_RECORD_INTERVAL_MS - 1));
    expect(first.live).toBe(true);
    expect(first.target).toEqual(await loadAuthority(db, users.jane!.id));
    expect(await lastActivity()).toBe(t0.getTime()); // within the interval of the last record: not written

    // Past the interval it is written — through `defer`, not before the work is run.
    const deferred: (() => Promise<unknown>)[] = [];
    expect((await checkImpersonationSession(db, id, TEST_CONFIG, at(ACTIVITY_RECORD_INTERVAL_MS), { defer: (w) => deferred.push(w) })).live).toBe(true);
    expect(deferred).toHaveLength(1);
    expect(await lastActivity()).toBe(t0.getTime());
    await deferred[0]!();
    expect(await lastActivity()).toBe(at(ACTIVITY_RECORD_INTERVAL_MS).getTime());
    // A background request records nothing.
    await checkImpersonationSession(db, id, TEST_CONFIG, at(3 * ACTIVITY_RECORD_INTERVAL_MS), { touch: false });
    expect(await lastActivity()).toBe(at(ACTIVITY_RECORD_INTERVAL_MS).getTime());

    // Activity just before the next record is due, then silence: not ended while the real idle
    // limit has not passed, never more than IDLE_GRACE_MS after it, and its end time at most the
    // interval early.
    const realLast = at(2 * ACTIVITY_RECORD_INTERVAL_MS - 1);
    expect(await isLive(db, id, TEST_CONFIG, realLast)).toBe(true); // just within the interval of the record: not written
    const limitMs = limits.IMPERSONATION_IDLE_TIMEOUT_SECONDS * 1000;
    const status = async () => (await db.impersonationSession.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
    await endWhatIsOver(db, TEST_CONFIG, new Date(realLast.getTime() + limitMs));
    expect(await status()).toBe("ACTIVE");
    expect(await isLive(db, id, TEST_CONFIG, new Date(realLast.getTime() + limitMs), { touch: false })).toBe(true);
    await endWhatIsOver(db, TEST_CONFIG, new Date(realLast.getTime() + limitMs + IDLE_GRACE_MS + 1));
    expect(await status()).toBe("ENDED");
    const ended = await db.impersonationSession.findUniqueOrThrow({ where: { id }, select: { endReason: true, endedAt: true } });
    expect(ended.endReason).toBe("INACTIVITY");
    const realEnd = realLast.getTime() + limitMs;
    expect(realEnd - ended.endedAt!.getTime()).toBeGreaterThanOrEqual(0);
    expect(realEnd - ended.endedAt!.getTime()).toBeLessThan(ACTIVITY_RECORD_INTERVAL_MS);
  });

  it("requests of one impersonation arriving together write its activity once", async () => {
    const t0 = new Date(Date.now() - 30_000);
    const started = await startImpersonation(db, { token: await request("gina", "jane", t0), verifiedUserId: users.gina!.id }, limits, t0);
    const id = started.ok ? started.started.session.id : "";
    const deferred: (() => Promise<unknown>)[] = [];
    const check = (at: Date) => checkImpersonationSession(db, id, TEST_CONFIG, at, { defer: (w) => deferred.push(w) });

    // Twenty at once, each reading the record before any write: one of them writes.
    const due = new Date(t0.getTime() + ACTIVITY_RECORD_INTERVAL_MS);
    const checks = await Promise.all(Array.from({ length: 20 }, () => check(due)));
    expect(checks.every((c) => c.live)).toBe(true);
    expect(deferred).toHaveLength(1);
    await deferred.pop()!();
    // The next interval's requests write again.
    await check(new Date(due.getTime() + ACTIVITY_RECORD_INTERVAL_MS));
    expect(deferred).toHaveLength(1);
  });
});
