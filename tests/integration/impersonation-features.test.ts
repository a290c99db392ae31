// What the user, the organization and the console get from Impersonation Mode, against the real
// database: the summary email when an impersonation ends, Account access (my own account only), the
// organization's settings (reason, limits, view-only), the console's filters, keyset paging, exports
// and End all, and the sign-in page's signed "why it ended" parameter.
import { afterAll, describe, expect, it } from "vitest";
import { getMyImpersonation, listMyImpersonations } from "@/lib/account/queries";
import { changePassword, updateTimeZone } from "@/lib/account/mutations";
import type { RequestContext } from "@/lib/context/create";
import { drainOutbox } from "@/lib/email/outbox";
import { ResendTransport } from "@/lib/email/transport";
import { isoWithOffset, startOfDayIn } from "@/lib/format/time";
import { endedParam, findEndedImpersonation, readEndedParam } from "@/lib/impersonation/ended-notice";
import { impersonationsCsv, impersonationsJson } from "@/lib/impersonation/export";
import { confirmImpersonation, revokeAllImpersonations, revokeImpersonation } from "@/lib/impersonation/mutations";
import { impersonationsForExport, impersonationsOfUser, listImpersonations } from "@/lib/impersonation/queries";
import { checkImpersonationSession } from "@/lib/impersonation/check";
import { endImpersonation } from "@/lib/impersonation/end";
import { changeItemStatus, updateItem } from "@/lib/items/mutations";
import { FIX_FIELDS, NOT_WHILE_IMPERSONATING, VIEW_ONLY_REFUSAL } from "@/lib/mutation";
import { updateImpersonationSettings } from "@/lib/organization/mutations";
import { SETTINGS_COLUMNS } from "@/lib/organization/settings";
import { getImpersonationSettings } from "@/lib/organization/queries";
import { updateUser } from "@/lib/users/mutations";
import { encodeCursor } from "@/lib/pagination";
import { contextFor, refusalOf, TEST_CONFIG } from "../support/context";
import { parseCsv, runsAsFormula } from "../support/csv";
import { createTestDatabase } from "../support/database";
import { startFakeResend } from "../support/fake-resend";
import { impersonate as startedImpersonation } from "../support/impersonation";

const fake = await startFakeResend();
process.env.RESEND_BASE_URL = fake.url;
process.env.AUTH_SECRET = "an-integration-test-secret-long-enough-123"; // signs the `ended` parameter
afterAll(() => fake.close());
const transport = new ResendTransport("re_test_key", "Kaizen Hub <notices@kaizen.test>");

const { db } = await createTestDatabase("demo");
const users = Object.fromEntries(
  (await db.user.findMany({ select: { id: true, name: true, username: true, organizationId: true } })).map((u) => [u.username, u]),
);
const item = await db.item.findFirstOrThrow({ where: { location: { name: "ICU" } }, select: { id: true, title: true } });

/** An impersonation started as the re-login starts it; its id and a request context of it. */
const impersonate = (actor: string, target: string, options: { now?: Date; reason?: string } = {}) => startedImpersonation(db, actor, target, options);

/** Changes the item's status (to one it does not have, so the change is real and recorded). */
async function flipStatus(ctx: RequestContext) {
  const { status } = await db.item.findUniqueOrThrow({ where: { id: item.id } });
  await changeItemStatus(ctx, { itemId: item.id, status: status === "DONE" ? "NEW" : "DONE" });
}

type SettingsForm = { reasonRequired: "" | "on"; reasonMinLength: string; idleMinutes: string; capMinutes: string; viewOnly: "" | "on" };
/** The Settings form as a browser sends it: the defaults, with `over` changed. */
const settings = (over: Partial<SettingsForm> = {}): SettingsForm => ({ reasonRequired: "", reasonMinLength: "10", idleMinutes: "", capMinutes: "", viewOnly: "", ...over });

describe("the summary email when an impersonation ends", () => {
  it("tells the user who, how long, how it ended and what was changed as them, through the outbox", async () => {
    const { id, ctx } = await impersonate("gina", "jane");
    await updateItem(ctx, { itemId: item.id, title: "Summary test item", description: "", locationId: (await db.item.findUniqueOrThrow({ where: { id: item.id } })).locationId });
    await flipStatus(ctx);
    expect(await endImpersonation(db, id, { reason: "SIGN_OUT" }, TEST_CONFIG)).toBe(true);
    // Ending twice sends nothing twice.
    expect(await endImpersonation(db, id, { reason: "SIGN_OUT" }, TEST_CONFIG)).toBe(false);

    const summaries = await db.emailMessage.findMany({ where: { impersonationSessionId: id, kind: "impersonation-summary" } });
    expect(summaries.map((m) => [m.toAddress, m.idempotencyKey])).toEqual([["jane@acme.test", `impersonation-summary/${id}`]]);

    fake.delivered.length = 0;
    await drainOutbox(db, transport);
    const summary = fake.delivered.find((m) => String(m.subject).includes("finished using your account"));
    expect(summary, "the summary reached the fake Resend API").toBeDefined();
    expect(summary!.to).toBe("jane@acme.test");
    expect(summary!.text).toContain("Gina Global was signed in as you");
    expect(summary!.text).toContain("It ended: signed out");
    expect(summary!.text).toContain("2 changes were made as you");
    expect(summary!.text).toContain("Summary test item");
    expect(summary!.html).toContain(`/items/${item.id}`);
    expect(summary!.html).toContain(`/account/access/${id}`);
    // The Admin Timeline says it was sent.
    expect(await db.timelineEvent.count({ where: { impersonationSessionId: id, type: "impersonation.summary_sent" } })).toBe(1);
  });

  it("is not sent for vendor support or to a user without email, and the timeline says which", async () => {
    const bySid = await impersonate("sid", "jane");
    await endImpersonation(db, bySid.id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    const toSam = await impersonate("gina", "sam");
    await endImpersonation(db, toSam.id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    expect(await db.emailMessage.count({ where: { kind: "impersonation-summary", impersonationSessionId: { in: [bySid.id, toSam.id] } } })).toBe(0);
    const skipped = await db.timelineEvent.findMany({ where: { type: "impersonation.summary_skipped", impersonationSessionId: { in: [bySid.id, toSam.id] } } });
    expect(Object.fromEntries(skipped.map((e) => [e.impersonationSessionId, (e.details as { reason: string }).reason]))).toEqual({
      [bySid.id]: "internal-actor",
      [toSam.id]: "no-email",
    });
  });

  it("to an address the user had before: that it ended and how much was changed, not what", async () => {
    const luis = await db.user.findUniqueOrThrow({ where: { id: users.luis!.id }, select: { name: true, locationId: true } });
    await updateUser(await contextFor(db, "gina"), { userId: users.luis!.id, name: luis.name, email: "luis.new@acme.test", locationId: luis.locationId });
    const { id, ctx } = await impersonate("gina", "luis");
    await flipStatus(ctx);
    await endImpersonation(db, id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    const summaries = await db.emailMessage.findMany({ where: { impersonationSessionId: id, kind: "impersonation-summary" }, orderBy: { idempotencyKey: "asc" } });
    expect(summaries.map((m) => m.toAddress)).toEqual(["luis.new@acme.test", "luis@acme.test"]);
    const [current, old] = summaries.map((m) => m.props as { changes: unknown[]; changesWithheld?: boolean; changeCount: number });
    expect(current!.changesWithheld).toBeUndefined();
    expect(current).toMatchObject({ changeCount: 1, changes: [expect.objectContaining({ path: `/items/${item.id}` })] });
    expect(old).toMatchObject({ changes: [], changesWithheld: true, changeCount: 1 });
  });

  it("is sent whatever ended it: run out, revoked, superseded", async () => {
    const past = new Date(Date.now() - 2 * 3600_000);
    const ranOut = await impersonate("luis", "lena", { now: past });
    expect((await checkImpersonationSession(db, ranOut.id, TEST_CONFIG)).live).toBe(false);
    const revoked = await impersonate("gina", "jane");
    await revokeAllImpersonations(await contextFor(db, "nora"), {});
    for (const [id, reason] of [
      // Two hours ago: the inactivity limit ran out (long) before the cap.
      [ranOut.id, "INACTIVITY"],
      [revoked.id, "REVOKED"],
    ] as const) {
      expect(await db.impersonationSession.findUniqueOrThrow({ where: { id }, select: { endReason: true } })).toEqual({ endReason: reason });
      expect(await db.emailMessage.count({ where: { impersonationSessionId: id, kind: "impersonation-summary" } })).toBe(1);
    }
  });
});

describe("Account access: my own impersonations, and nobody else's", () => {
  it("lists every impersonation of my account with its changes; another's is not found", async () => {
    const { id, ctx } = await impersonate("gina", "jane", { reason: "Fixing Jane's board" });
    await flipStatus(ctx);
    await endImpersonation(db, id, { reason: "SIGN_OUT" }, TEST_CONFIG);

    const jane = await contextFor(db, "jane");
    const mine = await listMyImpersonations(jane);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((s) => s.target.id === users.jane!.id)).toBe(true);
    const listed = mine.find((s) => s.id === id)!;
    expect(listed).toMatchObject({ reason: "Fixing Jane's board", actor: { name: "Gina Global" }, status: "ENDED", endReason: "SIGN_OUT", _count: { events: 1 } });
    const detail = await getMyImpersonation(jane, id);
    expect(detail!.events.map((e) => e.type)).toContain("item.status_changed");

    // Not Sam's to see, nor gina's (she did it, but it is not her account), nor across organizations.
    for (const who of ["sam", "gina", "gabe"]) expect(await getMyImpersonation(await contextFor(db, who), id)).toBeNull();
    expect((await listMyImpersonations(await contextFor(db, "sam"))).some((s) => s.id === id)).toBe(false);
  });
});

describe("organization settings", () => {
  it("only a Global User Administrator changes them, within the server's maximum, and every change is recorded", async () => {
    for (const who of ["jane", "luis"]) {
      expect((await refusalOf(updateImpersonationSettings(await contextFor(db, who), settings({ viewOnly: "on" })))).message).toMatch(/permission/i);
    }
    const gina = await contextFor(db, "gina");
    const tooLong = await refusalOf(updateImpersonationSettings(gina, settings({ idleMinutes: "6", capMinutes: "61" })));
    expect(tooLong.message).toBe(FIX_FIELDS);
    expect(tooLong.fieldErrors).toEqual({ idleMinutes: ["At most 5 minutes (this server's limit)."], capMinutes: ["At most 60 minutes (this server's limit)."] });

    expect(await updateImpersonationSettings(gina, settings({ idleMinutes: "2", capMinutes: "30" }))).toEqual({ changed: true });
    const event = await db.timelineEvent.findFirstOrThrow({ where: { type: "organization.settings_changed" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ actorId: users.gina!.id, userId: users.gina!.id });
    expect(event.details).toEqual({
      changes: {
        impersonationIdleTimeoutSeconds: { from: "server default", to: "2 min" },
        impersonationMaxDurationSeconds: { from: "server default", to: "30 min" },
      },
    });
    // Not from inside an impersonation, even of a Global User Administrator (gina as nora).
    const asNora = await impersonate("gina", "nora");
    expect((await refusalOf(updateImpersonationSettings(asNora.ctx, settings({ viewOnly: "on" })))).message).toBe(NOT_WHILE_IMPERSONATING);
    await endImpersonation(db, asNora.id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    // Saving the same again changes (and records) nothing.
    expect(await updateImpersonationSettings(gina, settings({ idleMinutes: "2", capMinutes: "30" }))).toEqual({ changed: false });

    // A new impersonation starts with the organization's limits.
    const now = new Date();
    const { session, id } = await impersonate("gina", "jane", { now });
    expect(session.idleTimeoutSeconds).toBe(120);
    expect(session.absoluteExpiresAt.getTime() - now.getTime()).toBe(30 * 60_000);
    await endImpersonation(db, id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    // Globex is untouched.
    expect((await getImpersonationSettings(await contextFor(db, "gabe"))).idleTimeoutSeconds).toBe(300);
    await updateImpersonationSettings(gina, settings());
  });

  it("a required reason blocks Confirm without one, or with one too short", async () => {
    const gina = await contextFor(db, "gina");
    await updateImpersonationSettings(gina, settings({ reasonRequired: "on", reasonMinLength: "15" }));
    try {
      const none = await refusalOf(confirmImpersonation(gina, { targetId: users.jane!.id, reason: "  " }));
      expect(none.fieldErrors?.reason).toEqual(["Your organization requires a reason (at least 15 characters)."]);
      const short = await refusalOf(confirmImpersonation(gina, { targetId: users.jane!.id, reason: "board" }));
      expect(short.fieldErrors?.reason).toEqual(["Give a reason of at least 15 characters (this one has 5)."]);
      expect(await db.impersonationRequest.count({ where: { actorId: users.gina!.id, status: "PENDING" } })).toBe(0);
      const ok = await confirmImpersonation(gina, { targetId: users.jane!.id, reason: "Jane's board lost its filters" });
      expect(ok.token).toBeTruthy();
    } finally {
      await updateImpersonationSettings(gina, settings());
    }
  });

  it("view-only: every change is refused while impersonating, with a clear message, and nothing changes", async () => {
    const gina = await contextFor(db, "gina");
    await updateImpersonationSettings(gina, settings({ viewOnly: "on" }));
    try {
      const { id, ctx } = await impersonate("gina", "jane");
      expect(ctx.impersonation?.viewOnly).toBe(true);
      const before = await db.item.findUniqueOrThrow({ where: { id: item.id } });
      expect((await refusalOf(changeItemStatus(ctx, { itemId: item.id, status: "NEW" }))).message).toBe(VIEW_ONLY_REFUSAL);
      expect((await refusalOf(updateTimeZone(ctx, { timeZone: "Asia/Tokyo" }))).message).toBe(VIEW_ONLY_REFUSAL);
      expect(await db.item.findUniqueOrThrow({ where: { id: item.id } })).toEqual(before);
      // Each request reads the setting afresh: turned off, the next request may change things.
      expect((await checkImpersonationSession(db, id, TEST_CONFIG)).viewOnly).toBe(true);
      await updateImpersonationSettings(gina, settings());
      expect((await checkImpersonationSession(db, id, TEST_CONFIG)).viewOnly).toBe(false);
      // …and Jane herself was never view-only.
      await flipStatus(await contextFor(db, "jane"));
      await endImpersonation(db, id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    } finally {
      await updateImpersonationSettings(gina, settings());
    }
  });
});

describe("changes made only as oneself", () => {
  it("are refused inside an impersonation with one message, the refusal recorded with what was tried, and nothing changes", async () => {
    // Gina as Nora, a Global User Administrator: Nora herself may do each of these.
    const other = await impersonate("sid", "jane");
    const asNora = await impersonate("gina", "nora");
    const state = async () => ({
      nora: await db.user.findUniqueOrThrow({ where: { id: users.nora!.id }, select: { passwordHash: true, timeZone: true } }),
      settings: await db.organization.findUniqueOrThrow({ where: { id: users.nora!.organizationId }, select: SETTINGS_COLUMNS }),
      active: await db.impersonationSession.findMany({ where: { status: "ACTIVE" }, select: { id: true }, orderBy: { id: "asc" } }),
      events: await db.timelineEvent.count({ where: { type: { not: "access.refused" } } }),
    });
    const before = await state();
    const tried = [
      ["changing a password", () => changePassword(asNora.ctx, { currentPassword: "kaizen-demo", newPassword: "a-new-long-password", confirmPassword: "a-new-long-password" })],
      ["changing a time zone", () => updateTimeZone(asNora.ctx, { timeZone: "Asia/Tokyo" })],
      ["changing the organization's settings", () => updateImpersonationSettings(asNora.ctx, settings({ viewOnly: "on" }))],
      ["ending an impersonation", () => revokeImpersonation(asNora.ctx, { sessionId: other.id })],
      ["ending every impersonation", () => revokeAllImpersonations(asNora.ctx, {})],
    ] as const;
    for (const [action, attempt] of tried) expect((await refusalOf(attempt())).message, action).toBe(NOT_WHILE_IMPERSONATING);
    expect(await state()).toEqual(before);
    const refusals = await db.timelineEvent.findMany({ where: { type: "access.refused", impersonationSessionId: asNora.id }, orderBy: { id: "asc" } });
    expect(refusals.map((e) => ({ userId: e.userId, actorId: e.actorId, subjectUserId: e.subjectUserId, details: e.details }))).toEqual(
      tried.map(([action]) => ({
        userId: users.nora!.id,
        actorId: users.gina!.id,
        subjectUserId: users.nora!.id,
        details: { action, reason: NOT_WHILE_IMPERSONATING },
      })),
    );
    await endImpersonation(db, other.id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    await endImpersonation(db, asNora.id, { reason: "SIGN_OUT" }, TEST_CONFIG);
  });
});

describe("the Impersonations console", () => {
  it("filters by actor, target, status, end reason and day, and pages by keyset without gaps or repeats", async () => {
    const gina = await contextFor(db, "gina");
    const base = Date.UTC(2026, 0, 10, 12);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { id } = await impersonate(i % 2 ? "luis" : "gina", "lena", { now: new Date(base + i * 3600_000) });
      await endImpersonation(db, id, { reason: i === 3 ? "REVOKED" : "SIGN_OUT", endedAt: new Date(base + i * 3600_000 + 60_000) }, TEST_CONFIG);
      made.push(id);
    }
    const day = { from: "2026-01-10", to: "2026-01-10" };
    const all = (await listImpersonations(gina, day, 100)).rows;
    expect(all.map((r) => r.id)).toEqual([...made].reverse());
    expect((await listImpersonations(gina, { ...day, actor: "luis" }, 100)).rows.map((r) => r.id)).toEqual([made[5], made[3], made[1]]);
    expect((await listImpersonations(gina, { ...day, target: "jane" }, 100)).rows).toEqual([]);
    expect((await listImpersonations(gina, { ...day, endReason: "REVOKED" }, 100)).rows.map((r) => r.id)).toEqual([made[3]]);
    expect((await listImpersonations(gina, { ...day, status: "active" }, 100)).rows).toEqual([]);
    expect((await listImpersonations(gina, { from: "2026-01-11", to: "2026-01-11" }, 100)).rows).toEqual([]);

    // Pages of 3, forwards then back.
    const seen: string[] = [];
    let page = await listImpersonations(gina, day, 3);
    expect(page.prevCursor).toBeNull();
    seen.push(...page.rows.map((r) => r.id));
    while (page.nextCursor) {
      page = await listImpersonations(gina, { ...day, after: page.nextCursor }, 3);
      seen.push(...page.rows.map((r) => r.id));
    }
    expect(seen).toEqual(all.map((r) => r.id));
    const back = await listImpersonations(gina, { ...day, before: page.prevCursor! }, 3);
    expect(back.rows.map((r) => r.id)).toEqual(all.slice(3, 6).map((r) => r.id));

    // A Local User Administrator sees only targets in their Locations (North Campus and ICU below
    // it): not Sam South's, which gina's list has.
    const luisSees = (await listImpersonations(await contextFor(db, "luis"), {}, 500)).rows;
    expect(luisSees.map((r) => r.target.username)).toEqual(expect.arrayContaining(["lena", "jane"]));
    expect((await listImpersonations(gina, { target: "sam" }, 500)).rows.length).toBeGreaterThan(0);
    expect(luisSees.filter((r) => r.target.username === "sam")).toEqual([]);
  });

  it("a cursor that is not one of ours shows the first page, never an error", async () => {
    const gina = await contextFor(db, "gina");
    const first = (await listImpersonations(gina, {}, 5)).rows.map((r) => r.id);
    for (const cursor of [encodeCursor(["+275760-09-13T00:00:00.000Z", "x"]), encodeCursor(["not a date", "x"]), encodeCursor(["2026-01-01T00:00:00.000Z", "bad\u0000id"]), "garbage"]) {
      expect((await listImpersonations(gina, { before: cursor }, 5)).rows.map((r) => r.id), cursor).toEqual(first);
      expect((await listImpersonations(gina, { after: cursor }, 5)).rows.map((r) => r.id), cursor).toEqual(first);
    }
  });

  it("days are the viewer's: a New York evening is the next day in UTC", async () => {
    // 03:30 UTC on 15 Jan is 22:30 on 14 Jan in New York.
    const { id } = await impersonate("gina", "lena", { now: new Date(Date.UTC(2026, 0, 15, 3, 30)) });
    await endImpersonation(db, id, { reason: "SIGN_OUT", endedAt: new Date(Date.UTC(2026, 0, 15, 3, 31)) }, TEST_CONFIG);
    const gina = await contextFor(db, "gina");
    const inNewYork = { ...gina, timeZone: "America/New_York" };
    expect((await listImpersonations(inNewYork, { from: "2026-01-14", to: "2026-01-14" }, 100)).rows.map((r) => r.id)).toContain(id);
    expect((await listImpersonations(gina, { from: "2026-01-14", to: "2026-01-14" }, 100)).rows.map((r) => r.id)).not.toContain(id);
    expect(startOfDayIn("2026-01-14", "America/New_York").toISOString()).toBe("2026-01-14T05:00:00.000Z");
    expect(startOfDayIn("2026-07-14", "Europe/Paris").toISOString()).toBe("2026-07-13T22:00:00.000Z");
  });

  it("exports the filtered list, each impersonation with everything done during it, ISO 8601 with offset", async () => {
    const { id, ctx } = await impersonate("gina", "jane", { now: new Date(Date.UTC(2026, 1, 3, 9)) });
    await flipStatus(ctx);
    await endImpersonation(db, id, { reason: "SIGN_OUT", endedAt: new Date(Date.UTC(2026, 1, 3, 9, 5)) }, TEST_CONFIG);
    const gina = { ...(await contextFor(db, "gina")), timeZone: "Asia/Kolkata" };
    const filters = { from: "2026-02-03", to: "2026-02-03", target: "jane" };
    const { sessions, truncated } = await impersonationsForExport(gina, filters);
    expect(truncated).toBe(false);
    expect(sessions.map((s) => s.id)).toEqual([id]);

    const json = impersonationsJson(sessions, { timeZone: gina.timeZone, exportedAt: new Date(Date.UTC(2026, 1, 4)), filters, truncated });
    expect(json.impersonations[0]).toMatchObject({
      id,
      administrator: { name: "Gina Global", username: "gina" },
      signedInAs: { name: "Jane Doe", username: "jane" },
      startedAt: "2026-02-03T14:30:00+05:30",
      endedAt: "2026-02-03T14:35:00+05:30",
      status: "ended",
      endReason: "signed out",
    });
    const types = json.impersonations[0]!.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["impersonation.started", "item.status_changed", "impersonation.ended"]));
    expect(json.impersonations[0]!.events.find((e) => e.type === "item.status_changed")).toMatchObject({ shownAs: "Jane Doe", doneBy: "Gina Global" });

    const csv = impersonationsCsv(sessions, gina.timeZone).trimEnd().split("\r\n");
    expect(csv[0]).toMatch(/^impersonation_id,administrator,/);
    expect(csv).toHaveLength(1 + types.length);
    expect(csv.find((line) => line.includes("item.status_changed"))).toContain("2026-02-03T14:30:00+05:30");
    expect(isoWithOffset(new Date(Date.UTC(2026, 10, 28, 12)), "UTC")).toBe("2026-11-28T12:00:00+00:00");
    expect(isoWithOffset(new Date(Date.UTC(2026, 10, 28, 12)), "America/Los_Angeles")).toBe("2026-11-28T04:00:00-08:00");
  });

  it("exports an Item titled Fix;=1+2 as text, also to a spreadsheet that separates with semicolons", async () => {
    const { id, ctx } = await impersonate("gina", "jane", { now: new Date(Date.UTC(2026, 1, 5, 9)) });
    const { locationId } = await db.item.findUniqueOrThrow({ where: { id: item.id } });
    await updateItem(ctx, { itemId: item.id, title: "Fix;=1+2", description: "", locationId });
    await endImpersonation(db, id, { reason: "SIGN_OUT", endedAt: new Date(Date.UTC(2026, 1, 5, 9, 5)) }, TEST_CONFIG);
    const gina = await contextFor(db, "gina");
    const { sessions } = await impersonationsForExport(gina, { from: "2026-02-05", to: "2026-02-05", target: "jane" });
    expect(sessions.map((s) => s.id)).toEqual([id]);
    const csv = impersonationsCsv(sessions, gina.timeZone);

    // Read with semicolons (a European locale's spreadsheet), tabs or commas: no cell is a formula.
    for (const delimiter of [";", "\t", ","]) expect(parseCsv(csv, delimiter).flat().filter(runsAsFormula), JSON.stringify(delimiter)).toEqual([]);
    // Read as the file says (commas): one cell, the title as typed with a ' before the formula.
    const rows = parseCsv(csv);
    const subject = rows[0]!.indexOf("event_subject");
    expect(rows.slice(1).map((r) => r[subject])).toContain("Fix;'=1+2");
  });

  it("End all ends the active impersonations the administrator may see, and no others", async () => {
    const inNorth = await impersonate("gina", "lena");
    const inSouth = await impersonate("sid", "sam");
    const globex = await db.impersonationSession.count({ where: { status: "ACTIVE", organization: { name: { not: "Acme Health" } } } });
    // Luis administers North Campus (and ICU within it), not South Campus.
    expect(await revokeAllImpersonations(await contextFor(db, "luis"), {})).toEqual({ ended: 1 });
    const statusOf = async (id: string) => (await db.impersonationSession.findUniqueOrThrow({ where: { id } })).status;
    expect([await statusOf(inNorth.id), await statusOf(inSouth.id)]).toEqual(["ENDED", "ACTIVE"]);
    expect(await db.impersonationSession.findUniqueOrThrow({ where: { id: inNorth.id }, select: { endReason: true, endedById: true } })).toEqual({
      endReason: "REVOKED",
      endedById: users.luis!.id,
    });
    expect(await revokeAllImpersonations(await contextFor(db, "nora"), {})).toEqual({ ended: 1 });
    expect(await statusOf(inSouth.id)).toBe("ENDED");
    expect(await db.impersonationSession.count({ where: { status: "ACTIVE", organization: { name: { not: "Acme Health" } } } })).toBe(globex);
    // Not from inside an impersonation, even of someone who may (gina as nora, ending sid's).
    const other = await impersonate("sid", "jane");
    const asNora = await impersonate("gina", "nora");
    expect((await refusalOf(revokeAllImpersonations(asNora.ctx, {}))).message).toBe(NOT_WHILE_IMPERSONATING);
    expect((await refusalOf(revokeImpersonation(asNora.ctx, { sessionId: other.id }))).message).toBe(NOT_WHILE_IMPERSONATING);
    expect(await statusOf(other.id)).toBe("ACTIVE");
    await endImpersonation(db, other.id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    await endImpersonation(db, asNora.id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    // Not for someone who administers nobody.
    expect((await refusalOf(revokeAllImpersonations(await contextFor(db, "jane"), {}))).message).toMatch(/permission/i);
  });

  it("twenty End all and End now at once end each impersonation once, with one summary each", async () => {
    const live = [await impersonate("gina", "lena"), await impersonate("luis", "jane"), await impersonate("sid", "sam")];
    const nora = await contextFor(db, "nora");
    const luis = await contextFor(db, "luis");
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        i % 2 ? revokeAllImpersonations(i % 4 === 1 ? nora : luis, {}) : revokeImpersonation(nora, { sessionId: live[i % 3]!.id }).then(() => ({ ended: 1 })),
      ),
    );
    const ended = results.reduce((n, r) => n + (r.status === "fulfilled" ? r.value.ended : 0), 0);
    expect(ended).toBe(3);
    // The losers of the race were told it was over already, nothing else.
    for (const r of results) if (r.status === "rejected") expect((r.reason as Error).message).toBe("That impersonation is not active any more.");
    const ids = live.map((l) => l.id);
    expect(await db.timelineEvent.count({ where: { type: "impersonation.ended", impersonationSessionId: { in: ids } } })).toBe(3);
    expect(await db.emailMessage.count({ where: { kind: "impersonation-summary", impersonationSessionId: { in: ids } } })).toBe(2); // sam has no address
  });

  it("a user's page lists their impersonations as target and as actor", async () => {
    const { id } = await impersonate("luis", "lena");
    await endImpersonation(db, id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    const gina = await contextFor(db, "gina");
    expect((await impersonationsOfUser(gina, users.lena!.id)).asTarget.map((s) => s.id)).toContain(id);
    expect((await impersonationsOfUser(gina, users.luis!.id)).asActor.map((s) => s.id)).toContain(id);
    expect((await impersonationsOfUser(gina, users.luis!.id)).asTarget.map((s) => s.id)).not.toContain(id);
  });
});

describe("the sign-in page's reason for an ending", () => {
  it("names the impersonation only through a signed, short-lived parameter", async () => {
    const { id } = await impersonate("gina", "jane");
    await endImpersonation(db, id, { reason: "REVOKED", endedBy: { organizationId: users.nora!.organizationId, userId: users.nora!.id, actorId: users.nora!.id } }, TEST_CONFIG);
    const now = Date.now();
    const param = await endedParam(id, now);
    expect(await readEndedParam(param, now)).toBe(id);
    expect(await readEndedParam(param, now + 11 * 60_000)).toBeNull();
    // Another impersonation's id, or a later expiry, under the original signature.
    const [header, payload, signature] = param.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { sub: string; exp: number };
    const edited = (change: object) => `${header}.${Buffer.from(JSON.stringify({ ...claims, ...change })).toString("base64url")}.${signature}`;
    expect(await readEndedParam(edited({ sub: users.jane!.id }), now)).toBeNull();
    expect(await readEndedParam(edited({ exp: claims.exp + 3600 }), now + 11 * 60_000)).toBeNull();
    expect(await readEndedParam(id, now)).toBeNull();
    expect(await findEndedImpersonation(db, id)).toMatchObject({ targetName: "Jane Doe", endReason: "REVOKED", endedByName: "Nora North" });
  });
});
