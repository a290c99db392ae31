// Consent before access against the real database: the policy with the organization's "Require the
// user's consent" on and off over the demo users, a request by email that is granted and then used,
// a grant that runs out or is revoked mid-impersonation (ended at its next request), the re-login
// when the grant ended in between, and nothing granted from inside an impersonation.
import { afterAll, describe, expect, it } from "vitest";
import { listMyConsentEvents } from "@/lib/account/queries";
import { recordConsentExpiries } from "@/lib/consent/expire";
import { ALREADY_GRANTED, declineAccessRequest, GRANT_NOT_OPEN, grantAccess, REQUEST_NOT_OPEN, requestAccess, revokeAccess } from "@/lib/consent/mutations";
import { myAccessRequests, myConsent, openGrants } from "@/lib/consent/queries";
import { drainOutbox } from "@/lib/email/outbox";
import { ResendTransport } from "@/lib/email/transport";
import { checkImpersonationSession } from "@/lib/impersonation/check";
import { endWhatIsOver } from "@/lib/impersonation/end";
import { confirmImpersonation } from "@/lib/impersonation/mutations";
import { canImpersonate, DENIAL_MESSAGES, type ImpersonationDenial } from "@/lib/impersonation/policy";
import { impersonationOffers } from "@/lib/impersonation/queries";
import { startImpersonation } from "@/lib/impersonation/start";
import { NOT_WHILE_IMPERSONATING } from "@/lib/mutation";
import { updateImpersonationSettings } from "@/lib/organization/mutations";
import { loadAuthority } from "@/lib/permissions/authority";
import { impersonationEndedMessage } from "@/lib/auth/messages";
import { contextFor, refusalOf, TEST_CONFIG } from "../support/context";
import { createTestDatabase } from "../support/database";
import { startFakeResend } from "../support/fake-resend";
import { impersonate } from "../support/impersonation";

const fake = await startFakeResend();
process.env.RESEND_BASE_URL = fake.url;
afterAll(() => fake.close());
const transport = new ResendTransport("re_test_key", "Kaizen Hub <notices@kaizen.test>");

/** A fresh demo database with the organization requiring consent (set through the Settings form's change, as Gina). */
async function consentDatabase(required = true) {
  const { db } = await createTestDatabase("demo");
  const ids = Object.fromEntries((await db.user.findMany({ select: { id: true, username: true } })).map((u) => [u.username, u.id])) as Record<string, string>;
  if (required) {
    await updateImpersonationSettings(await contextFor(db, "gina"), { reasonRequired: "", reasonMinLength: "10", idleMinutes: "", capMinutes: "", viewOnly: "", consentRequired: "on" });
  }
  const as = (username: string, now?: Date) => contextFor(db, username, { now });
  return { db, ids, as };
}

const everyone = ["gina", "luis", "lena", "nora", "jane", "sam", "sid", "dora", "gabe"];

describe("the policy with consent required, over the demo users", () => {
  it("adds a condition, never a permission: every allowed pair needs the user's open grant; every other answer is unchanged", async () => {
    const { db, ids, as } = await consentDatabase();
    await grantAccess(await as("jane"), { duration: "hour" });
    const granted = await openGrants(db, Object.values(ids), new Date());
    expect([...granted.keys()]).toEqual([ids.jane]);
    const people = new Map(await Promise.all(everyone.map(async (u) => [u, (await loadAuthority(db, ids[u]!))!] as const)));
    let allowedWithout = 0;
    for (const actor of everyone) {
      for (const target of everyone) {
        const without = canImpersonate(people.get(actor)!, people.get(target)!, { actorIsImpersonating: false });
        const withConsent = canImpersonate(people.get(actor)!, people.get(target)!, {
          actorIsImpersonating: false,
          consent: { required: true, granted: granted.has(ids[target]!) },
        });
        const answer = (d: typeof without) => (d.ok ? "ok" : d.reason);
        if (!without.ok) expect(answer(withConsent), `${actor} → ${target}`).toBe(answer(without));
        else {
          allowedWithout++;
          expect(answer(withConsent), `${actor} → ${target}`).toBe(target === "jane" ? "ok" : ("no-consent" satisfies ImpersonationDenial));
        }
        // Consent not required: exactly the policy as it was.
        expect(answer(canImpersonate(people.get(actor)!, people.get(target)!, { actorIsImpersonating: false, consent: { required: false, granted: false } }))).toBe(
          answer(without),
        );
      }
    }
    expect(allowedWithout).toBe(13); // gina 5, luis 2, sid 6 (README, "Demo sign-ins")
  });

  it("refuses Confirm without a grant, records why, and the window offers Request access instead", async () => {
    const { db, ids, as } = await consentDatabase();
    const gina = await as("gina");
    const refusal = await refusalOf(confirmImpersonation(gina, { targetId: ids.jane!, reason: "Checking a report" }));
    expect(refusal.message).toBe(DENIAL_MESSAGES["no-consent"]);
    expect(await db.impersonationRequest.count()).toBe(0);
    const denied = await db.timelineEvent.findFirstOrThrow({ where: { type: "impersonation.denied" }, select: { details: true, subjectUserId: true, actorId: true } });
    expect(denied).toMatchObject({ details: { reason: "no-consent", stage: "confirm" }, subjectUserId: ids.jane, actorId: ids.gina });

    const rows = await db.user.findMany({ where: { username: { in: ["jane", "sam"] } }, select: { id: true, name: true, email: true } });
    const offers = await impersonationOffers(gina, rows);
    expect(offers.get(ids.jane!)?.consent).toEqual({ grantedUntil: null, requested: false });
    await grantAccess(await as("jane"), { duration: "day" });
    expect((await impersonationOffers(await as("gina"), rows)).get(ids.jane!)?.consent?.grantedUntil).toMatch(/\d/);
    // Vendor support follows the same rule.
    expect((await refusalOf(confirmImpersonation(await as("sid"), { targetId: ids.sam!, reason: "Checking a report" }))).message).toBe(DENIAL_MESSAGES["no-consent"]);
    await confirmImpersonation(await as("sid"), { targetId: ids.jane!, reason: "Checking a report" });
  });
});

describe("a request by email, granted, then used", () => {
  it("emails the user, shows on their Account page, tells the requester when granted, and the impersonation runs under that grant", async () => {
    const { db, ids, as } = await consentDatabase();
    await requestAccess(await as("gina"), { targetId: ids.jane!, reason: "Her Board shows nothing" });
    // Asked twice: refused, nothing new.
    expect((await refusalOf(requestAccess(await as("gina"), { targetId: ids.jane!, reason: "Again" }))).message).toMatch(/already asked Jane Doe/);
    expect(await db.accessRequest.count()).toBe(1);

    fake.delivered.length = 0;
    await drainOutbox(db, transport);
    const asked = fake.delivered.find((m) => m.to === "jane@acme.test");
    expect(asked?.subject).toBe("Kaizen Hub: Gina Global asks for access to your account");
    expect(asked?.text).toContain("Her Board shows nothing");
    expect(asked?.html).toContain("/account");

    const jane = await as("jane");
    const mine = await myConsent(jane);
    expect(mine.grant).toBeNull();
    expect(mine.requests.map((r) => [r.requester.name, r.reason])).toEqual([["Gina Global", "Her Board shows nothing"]]);
    expect((await myAccessRequests(await as("gina"))).map((r) => r.shown)).toEqual(["waiting"]);

    const { expiresAt, answered } = await grantAccess(jane, { duration: "day" });
    expect(answered).toBe(1);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect((await refusalOf(grantAccess(jane, { duration: "week" }))).message).toBe(ALREADY_GRANTED);

    fake.delivered.length = 0;
    await drainOutbox(db, transport);
    const told = fake.delivered.find((m) => m.to === "gina@acme.test");
    expect(told?.subject).toBe("Kaizen Hub: Jane Doe granted access to their account");
    expect(told?.html).toContain("/people?q=jane");
    expect((await myAccessRequests(await as("gina"))).map((r) => r.shown)).toEqual(["granted"]);

    const { session } = await impersonate(db, "gina", "jane");
    const grant = await db.accessGrant.findFirstOrThrow({ where: { userId: ids.jane }, select: { id: true } });
    expect((await db.impersonationSession.findUniqueOrThrow({ where: { id: session.id } })).grantId).toBe(grant.id);
    expect((await checkImpersonationSession(db, session.id, TEST_CONFIG)).live).toBe(true);

    // The Admin Timeline and Jane's Account access both have it.
    const types = (await listMyConsentEvents(await as("jane"))).map((e) => e.type);
    expect(types).toEqual(["consent.granted", "consent.requested"]);
  });

  it("is declined: the request closes, the requester may ask again", async () => {
    const { db, ids, as } = await consentDatabase();
    await requestAccess(await as("luis"), { targetId: ids.jane!, reason: "" });
    const request = await db.accessRequest.findFirstOrThrow({ select: { id: true } });
    // Nobody else can decline it (the query finds only Jane's own).
    expect((await refusalOf(declineAccessRequest(await as("sam"), { requestId: request.id }))).message).toBe(REQUEST_NOT_OPEN);
    await declineAccessRequest(await as("jane"), { requestId: request.id });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("DECLINED");
    expect((await myAccessRequests(await as("luis"))).map((r) => r.shown)).toEqual(["declined"]);
    expect((await refusalOf(declineAccessRequest(await as("jane"), { requestId: request.id }))).message).toBe(REQUEST_NOT_OPEN);
    await requestAccess(await as("luis"), { targetId: ids.jane!, reason: "" });
    expect(await db.accessRequest.count({ where: { status: "PENDING" } })).toBe(1);
  });

  it("is asked only by someone the policy already lets impersonate the user, and only when consent is required", async () => {
    const { ids, as } = await consentDatabase();
    expect((await refusalOf(requestAccess(await as("lena"), { targetId: ids.jane!, reason: "" }))).message).toBe(DENIAL_MESSAGES["not-permitted"]);
    expect((await refusalOf(requestAccess(await as("luis"), { targetId: ids.sam!, reason: "" }))).message).toBe(DENIAL_MESSAGES["outside-scope"]);
    expect((await refusalOf(requestAccess(await as("gabe"), { targetId: ids.jane!, reason: "" }))).message).toBe(DENIAL_MESSAGES["other-organization"]);
    const off = await consentDatabase(false);
    expect((await refusalOf(requestAccess(await off.as("gina"), { targetId: off.ids.jane!, reason: "" }))).message).toMatch(/does not require consent/);
  });
});

describe("a grant's end ends what runs under it", () => {
  it("a grant running out mid-impersonation ends it at its next request, when the grant ended; the scheduler records both once", async () => {
    const { db, ids, as } = await consentDatabase();
    const t0 = new Date(Date.now() - 3590_000);
    const { expiresAt } = await grantAccess(await as("jane", t0), { duration: "hour" });
    // Started ten seconds before the grant runs out: neither its idle limit nor its cap is near.
    const startAt = new Date(expiresAt.getTime() - 10_000);
    const { session } = await impersonate(db, "gina", "jane", { now: startAt });
    expect((await checkImpersonationSession(db, session.id, TEST_CONFIG, new Date(expiresAt.getTime() - 1_000))).live).toBe(true);
    const after = new Date(expiresAt.getTime() + 1_000);
    expect((await checkImpersonationSession(db, session.id, TEST_CONFIG, after)).live).toBe(false);
    const ended = await db.impersonationSession.findUniqueOrThrow({ where: { id: session.id } });
    expect([ended.status, ended.endReason, ended.endedAt?.getTime()]).toEqual(["ENDED", "CONSENT_EXPIRED", expiresAt.getTime()]);
    expect(impersonationEndedMessage({ targetName: "Jane Doe", endReason: "CONSENT_EXPIRED", endedByName: null, idleLimit: "5 minutes", cap: "1 hour" })).toMatch(
      /the access Jane Doe granted ran out/,
    );

    expect(await recordConsentExpiries(db, after)).toEqual({ grants: 1, requests: 0 });
    expect(await recordConsentExpiries(db, after)).toEqual({ grants: 0, requests: 0 });
    const expired = await db.timelineEvent.findMany({ where: { type: "consent.expired" }, select: { subjectUserId: true } });
    expect(expired).toEqual([{ subjectUserId: ids.jane }]);
  });

  it("the scheduler ends an impersonation whose grant ran out while nobody made a request", async () => {
    const { db, as } = await consentDatabase();
    const t0 = new Date(Date.now() - 3590_000);
    const { expiresAt } = await grantAccess(await as("jane", t0), { duration: "hour" });
    const { session } = await impersonate(db, "gina", "jane", { now: new Date(expiresAt.getTime() - 10_000) });
    expect(await endWhatIsOver(db, TEST_CONFIG, new Date(expiresAt.getTime() + 5_000))).toBe(1);
    expect((await db.impersonationSession.findUniqueOrThrow({ where: { id: session.id } })).endReason).toBe("CONSENT_EXPIRED");
  });

  it("revoking ends the impersonation under it (its next request is signed out, and told why); another user's grant cannot be revoked", async () => {
    const { db, ids, as } = await consentDatabase();
    await grantAccess(await as("jane"), { duration: "week" });
    const { session } = await impersonate(db, "gina", "jane");
    const grant = await db.accessGrant.findFirstOrThrow({ select: { id: true } });
    expect((await refusalOf(revokeAccess(await as("sam"), { grantId: grant.id }))).message).toBe(GRANT_NOT_OPEN);
    expect((await checkImpersonationSession(db, session.id, TEST_CONFIG)).live).toBe(true);

    expect(await revokeAccess(await as("jane"), { grantId: grant.id })).toEqual({ impersonationsEnded: 1 });
    const ended = await db.impersonationSession.findUniqueOrThrow({ where: { id: session.id } });
    expect([ended.status, ended.endReason, ended.endedById]).toEqual(["ENDED", "CONSENT_REVOKED", ids.jane]);
    expect((await checkImpersonationSession(db, session.id, TEST_CONFIG)).live).toBe(false);
    expect(impersonationEndedMessage({ targetName: "Jane Doe", endReason: "CONSENT_REVOKED", endedByName: "Jane Doe", idleLimit: "5 minutes", cap: "1 hour" })).toMatch(
      /Jane Doe revoked access/,
    );
    expect((await refusalOf(revokeAccess(await as("jane"), { grantId: grant.id }))).message).toBe(GRANT_NOT_OPEN);
    // The summary email to Jane was queued with the end, like any other end.
    expect(await db.emailMessage.count({ where: { impersonationSessionId: session.id, kind: "impersonation-summary" } })).toBe(1);
    expect((await listMyConsentEvents(await as("jane"))).map((e) => e.type)).toEqual(["consent.revoked", "consent.granted"]);
  });

  it("a grant revoked between Confirm and the re-login starts nothing, and says why", async () => {
    const { db, ids, as } = await consentDatabase();
    await grantAccess(await as("jane"), { duration: "hour" });
    const { token } = await confirmImpersonation(await as("gina"), { targetId: ids.jane!, reason: "Checking a report" });
    await revokeAccess(await as("jane"), { grantId: (await db.accessGrant.findFirstOrThrow()).id });
    const started = await startImpersonation(db, { token, verifiedUserId: ids.gina! }, TEST_CONFIG);
    expect(started).toEqual({ ok: false, code: "denied", reason: "no-consent" });
    expect(await db.impersonationSession.count()).toBe(0);
    expect((await db.impersonationRequest.findFirstOrThrow()).status).toBe("CANCELLED");
    expect(await db.timelineEvent.count({ where: { type: "impersonation.denied", details: { path: ["stage"], equals: "re-login" } } })).toBe(1);
  });

  it("turning consent on ends an impersonation running without a grant at its next request", async () => {
    const { db, as } = await consentDatabase(false);
    const { session } = await impersonate(db, "gina", "jane");
    expect((await checkImpersonationSession(db, session.id, TEST_CONFIG)).live).toBe(true);
    await updateImpersonationSettings(await as("gina"), { reasonRequired: "", reasonMinLength: "10", idleMinutes: "", capMinutes: "", viewOnly: "", consentRequired: "on" });
    expect((await checkImpersonationSession(db, session.id, TEST_CONFIG)).live).toBe(false);
    expect((await db.impersonationSession.findUniqueOrThrow({ where: { id: session.id } })).endReason).toBe("PERMISSIONS_CHANGED");
  });

  it("an unanswered request expires: recorded once, no longer shown", async () => {
    const { db, ids, as } = await consentDatabase();
    await requestAccess(await as("gina"), { targetId: ids.jane!, reason: "" });
    const later = new Date(Date.now() + 3 * 86_400_000 + 1_000);
    expect((await myConsent(await as("jane", later))).requests).toEqual([]);
    expect((await myAccessRequests(await as("gina", later))).map((r) => r.shown)).toEqual(["expired"]);
    expect(await recordConsentExpiries(db, later)).toEqual({ grants: 0, requests: 1 });
    expect(await recordConsentExpiries(db, later)).toEqual({ grants: 0, requests: 0 });
    expect((await db.accessRequest.findFirstOrThrow()).status).toBe("EXPIRED");
  });
});

describe("nothing grants access from inside an impersonation", () => {
  it("the administrator acting as the user cannot grant, revoke or decline for them, nor ask anyone", async () => {
    const { db, ids } = await consentDatabase(false);
    // Consent not required here: Gina impersonates Jane without a grant.
    const { ctx } = await impersonate(db, "gina", "jane");
    for (const change of [
      () => grantAccess(ctx, { duration: "week" }),
      () => declineAccessRequest(ctx, { requestId: "anything" }),
      () => revokeAccess(ctx, { grantId: "anything" }),
      () => requestAccess(ctx, { targetId: ids.sam!, reason: "" }),
    ]) {
      expect((await refusalOf(change())).message).toBe(NOT_WHILE_IMPERSONATING);
    }
    expect(await db.accessGrant.count()).toBe(0);
    expect(await db.accessRequest.count()).toBe(0);
    // Each attempt is in the Admin Timeline, as refused.
    expect(await db.timelineEvent.count({ where: { type: "access.refused", impersonationSessionId: { not: null } } })).toBe(4);
  });
});
