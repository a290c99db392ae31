// The hardening rules against the real database: the lockout holds under parallel attempts, a client
// cannot lock out everyone, one live impersonation per actor, the policy asked again on every
// request of one, sessions revocable, notices to every recent address, emails unique per
// organization only.
import { describe, expect, it } from "vitest";
import { CLIENT_FAILURES, LOCKOUT_FAILURES, progressiveDelayMs, verifyCredentials } from "@/lib/auth/credentials";
import { openAuthSession } from "@/lib/auth/sessions";
import { confirmImpersonation } from "@/lib/impersonation/mutations";
import { renderTemplate } from "@/lib/email/render";
import { recentAddresses } from "@/lib/impersonation/addresses";
import { checkImpersonationSession } from "@/lib/impersonation/check";
import { endWhatIsOver } from "@/lib/impersonation/end";
import { startImpersonation } from "@/lib/impersonation/start";
import { loadSignedInAuthority } from "@/lib/permissions/authority";
import { clearLockout, createUser, deactivateUser, grantPermission, revokePermission, signOutEverywhere, updateUser } from "@/lib/users/mutations";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { contextFor, TEST_CONFIG } from "../support/context";
import { createTestDatabase } from "../support/database";

/** Whether the impersonation is still live, as a request of it would find it. */
const isLive = async (...args: Parameters<typeof checkImpersonationSession>) => (await checkImpersonationSession(...args)).live;

const { db } = await createTestDatabase("demo");
const ids = Object.fromEntries((await db.user.findMany({ select: { id: true, username: true } })).map((u) => [u.username, u.id]));
const noWait = { sleep: async () => {} };

async function impersonate(actor: string, target: string, now = new Date()) {
  const { token } = await confirmImpersonation(await contextFor(db, actor, { now }), { targetId: ids[target]! });
  const started = await startImpersonation(db, { token, verifiedUserId: ids[actor]! }, TEST_CONFIG, now);
  if (!started.ok) throw new Error(started.code);
  return started.started.session.id;
}
const sessionOf = (id: string) => db.impersonationSession.findUniqueOrThrow({ where: { id }, select: { status: true, endReason: true } });

describe("the sign-in lockout under parallel attempts", () => {
  it(`checks at most ${LOCKOUT_FAILURES} of 50 parallel wrong passwords for one username`, async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => verifyCredentials(db, { username: "nora", password: `guess-${i}` }, { ip: `10.1.0.${i}`, ...noWait })),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "invalid").length;
    expect(checked).toBeLessThanOrEqual(LOCKOUT_FAILURES);
    expect(results.filter((r) => !r.ok && r.reason === "locked")).toHaveLength(50 - checked);
    expect(await db.signInAttempt.count({ where: { username: "nora", refused: false } })).toBe(checked);
    // Locked, even for the right password.
    expect(await verifyCredentials(db, { username: "nora", password: DEMO_PASSWORD }, noWait)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("an administrator clears a lockout, recorded; the user signs in again", async () => {
    const gina = await contextFor(db, "gina");
    expect(await clearLockout(gina, { userId: ids.nora! })).toEqual({ failuresCleared: LOCKOUT_FAILURES });
    expect((await verifyCredentials(db, { username: "nora", password: DEMO_PASSWORD }, noWait)).ok).toBe(true);
    expect(await db.timelineEvent.count({ where: { type: "user.lockout_cleared", subjectUserId: ids.nora! } })).toBe(1);
    // …and only someone who may manage the user can.
    await expect(clearLockout(await contextFor(db, "jane"), { userId: ids.nora! })).rejects.toThrow("You do not have permission");
  });
});

describe("one client cannot lock out everyone", () => {
  it(`refuses a client after ${CLIENT_FAILURES} failures, whatever the username, and slows its failures down`, async () => {
    const ip = "203.0.113.7";
    for (let i = 0; i < CLIENT_FAILURES; i++) {
      // Spread over many usernames: none of them reaches its own lockout.
      expect(await verifyCredentials(db, { username: `nobody-${i % 5}`, password: "x" }, { ip, ...noWait })).toEqual({ ok: false, reason: "invalid" });
    }
    const refused = await verifyCredentials(db, { username: "sam", password: DEMO_PASSWORD }, { ip, ...noWait });
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    // sam himself, from anywhere else, is not locked out.
    expect((await verifyCredentials(db, { username: "sam", password: DEMO_PASSWORD }, { ip: "198.51.100.1", ...noWait })).ok).toBe(true);
    // The delay grows with the client's failures; a success is never delayed.
    expect([0, 1, 2, 3, 4, 5, 20].map(progressiveDelayMs)).toEqual([0, 0, 0, 500, 1000, 2000, 8000]);
    const waits: number[] = [];
    await verifyCredentials(db, { username: "lena", password: "wrong" }, { ip: "198.51.100.9", sleep: async (ms) => void waits.push(ms) });
    await verifyCredentials(db, { username: "lena", password: DEMO_PASSWORD }, { ip: "198.51.100.9", sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([]);
  });
});

describe("one live impersonation per actor", () => {
  it("a second start ends the first (superseded); twenty parallel re-logins start one", async () => {
    const first = await impersonate("gina", "jane");
    const second = await impersonate("gina", "sam");
    expect(await sessionOf(first)).toEqual({ status: "ENDED", endReason: "SUPERSEDED" });
    expect(await sessionOf(second)).toMatchObject({ status: "ACTIVE" });

    const tokens = await Promise.all(Array.from({ length: 20 }, async () => (await confirmImpersonation(await contextFor(db, "sid"), { targetId: ids.jane! })).token));
    const started = await Promise.all(tokens.map((token) => startImpersonation(db, { token, verifiedUserId: ids.sid! }, TEST_CONFIG)));
    expect(started.filter((s) => s.ok).length).toBeGreaterThanOrEqual(1);
    expect(await db.impersonationSession.count({ where: { actorId: ids.sid!, status: "ACTIVE" } })).toBe(1);
    expect(await db.impersonationRequest.count({ where: { actorId: ids.sid!, status: "PENDING" } })).toBe(0);
  });

  it("a start after the one before ran out ends that one as it ran out (inactivity, at its idle end), not as superseded", async () => {
    // Signing in settles nothing (sweeps run on their schedule), so the re-login may be the first to
    // find an idle impersonation still marked active: its record must still tell the truth.
    const t0 = new Date(Date.now() - 60 * 60_000);
    const idle = await impersonate("gina", "jane", t0);
    const idleEnd = new Date(t0.getTime() + TEST_CONFIG.IMPERSONATION_IDLE_TIMEOUT_SECONDS * 1000);
    await impersonate("gina", "sam", new Date(idleEnd.getTime() + 10 * 60_000));
    expect(await db.impersonationSession.findUniqueOrThrow({ where: { id: idle }, select: { status: true, endReason: true, endedAt: true } })).toEqual({
      status: "ENDED",
      endReason: "INACTIVITY",
      endedAt: idleEnd,
    });
  });
});

describe("a running impersonation sees permission changes", () => {
  it("ends when the actor loses Impersonate User, with that reason", async () => {
    const id = await impersonate("luis", "jane");
    expect(await isLive(db, id, TEST_CONFIG)).toBe(true);
    const grant = await db.permissionGrant.findFirstOrThrow({ where: { userId: ids.luis!, permission: "IMPERSONATE_USER" } });
    await revokePermission(await contextFor(db, "gina"), { userId: ids.luis!, grantId: grant.id });
    expect(await isLive(db, id, TEST_CONFIG)).toBe(false);
    expect(await sessionOf(id)).toEqual({ status: "ENDED", endReason: "PERMISSIONS_CHANGED" });
    await grantPermission(await contextFor(db, "gina"), { userId: ids.luis!, permission: "IMPERSONATE_USER" });
  });

  it("ends when the target gains a permission the actor does not hold — found by the sweep too", async () => {
    const id = await impersonate("luis", "lena");
    await grantPermission(await contextFor(db, "gina"), { userId: ids.lena!, permission: "GLOBAL_USER_ADMIN" });
    expect(await endWhatIsOver(db, TEST_CONFIG)).toBeGreaterThanOrEqual(1);
    expect(await sessionOf(id)).toEqual({ status: "ENDED", endReason: "PERMISSIONS_CHANGED" });
  });

  it("ends when the target is deactivated, and the actor's own are ended on their deactivation", async () => {
    const id = await impersonate("gina", "luis");
    await deactivateUser(await contextFor(db, "sid"), { userId: ids.luis! });
    expect(await isLive(db, id, TEST_CONFIG)).toBe(false);
    expect(await sessionOf(id)).toEqual({ status: "ENDED", endReason: "USER_DEACTIVATED" });
  });
});

describe("sessions are revocable", () => {
  it("sign out everywhere closes every sign-in of the user and the impersonations they run", async () => {
    const a = await openAuthSession(db, { userId: ids.gina!, ip: null, maxAgeSeconds: 3600 });
    const b = await openAuthSession(db, { userId: ids.gina!, ip: null, maxAgeSeconds: 3600 });
    const imp = await impersonate("gina", "jane");
    expect((await loadSignedInAuthority(db, ids.gina!, a))?.sessionOpen).toBe(true);
    const ended = await signOutEverywhere(await contextFor(db, "sid"), { userId: ids.gina! });
    expect(ended.sessionsEnded).toBeGreaterThanOrEqual(2);
    expect(ended.impersonationsEnded).toBe(1);
    for (const sid of [a, b]) expect((await loadSignedInAuthority(db, ids.gina!, sid))?.sessionOpen).toBe(false);
    expect(await sessionOf(imp)).toEqual({ status: "ENDED", endReason: "REVOKED" });
    expect(await isLive(db, imp, TEST_CONFIG)).toBe(false);
  });
});

describe("the notice cannot be silenced by changing the address first", () => {
  it("goes to every address the user had in the last 30 days; the old address hears of the change", async () => {
    const gina = await contextFor(db, "gina");
    const jane = await db.user.findUniqueOrThrow({ where: { id: ids.jane! }, select: { name: true, locationId: true } });
    await updateUser(gina, { userId: ids.jane!, name: jane.name, email: "", locationId: jane.locationId });
    const changed = await db.emailMessage.findFirstOrThrow({ where: { kind: "email-changed", toAddress: "jane@acme.test" } });
    expect(changed).toMatchObject({ template: "email-changed", html: null }); // its sender renders it
    expect((await renderTemplate(changed.template!, changed.props)).text).toContain("Gina Global removed the email address of your Kaizen Hub account");

    const id = await impersonate("gina", "jane");
    const notices = await db.emailMessage.findMany({ where: { impersonationSessionId: id }, select: { toAddress: true } });
    expect(notices.map((n) => n.toAddress)).toEqual(["jane@acme.test"]);
    expect(await db.timelineEvent.count({ where: { impersonationSessionId: id, type: "impersonation.notice_skipped" } })).toBe(0);

    // Thirty-one days on, the old address is no longer written to.
    const later = new Date(Date.now() + 31 * 86_400_000);
    expect(await recentAddresses(db, { id: ids.jane!, organizationId: (await contextFor(db, "jane")).viewer.organizationId, email: null }, later)).toEqual([]);
  });
});

describe("email addresses are unique within an organization only", () => {
  it("another organization's address is no obstacle and reveals nothing; one's own is", async () => {
    const gina = await contextFor(db, "gina");
    const acme = await db.location.findFirstOrThrow({ where: { name: "Acme Health" } });
    const made = await createUser(gina, { username: "gabe-twin", name: "Gabe Twin", email: "gabe@globex.test", locationId: acme.id, password: "a-long-initial-password" });
    expect(made.id).toBeTruthy();
    await expect(createUser(gina, { username: "gina-twin", name: "Gina Twin", email: "gina@acme.test", locationId: acme.id, password: "a-long-initial-password" })).rejects.toMatchObject({
      fieldErrors: { email: ["Another user in your organization already has this email address."] },
    });
  });
});
