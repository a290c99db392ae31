// Bad input everywhere, generated: every change the app can make (each Server Action is one of these
// mutations behind formAction) gets input with at least one field broken — wrong types, empty,
// oversized, Unicode edge cases, another organization's ids, made-up ids — plus unknown fields.
// Each must answer with a clear ActionError and change nothing: every row and the history compared
// before and after (a refusal may only add its own record of being refused).
import fc from "fast-check";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { changePassword, updateTimeZone } from "@/lib/account/mutations";
import { declineAccessRequest, grantAccess, requestAccess, revokeAccess } from "@/lib/consent/mutations";
import {
  createAuditEndpoint,
  deleteAuditEndpoint,
  replayAuditDelivery,
  rotateAuditSecret,
  sendAuditTestEvent,
  setAuditEndpointStatus,
} from "@/lib/streaming/mutations";
import { createBoard, deleteBoard, renameBoard, updateBoardFilters } from "@/lib/boards/mutations";
import type { RequestContext } from "@/lib/context/create";
import { confirmImpersonation, revokeImpersonation } from "@/lib/impersonation/mutations";
import { addComment, assignItem, changeItemStatus, createItem, updateItem } from "@/lib/items/mutations";
import { ActionError, FIX_FIELDS } from "@/lib/mutation";
import { updateImpersonationSettings } from "@/lib/organization/mutations";
import { clearLockout, createUser, deactivateUser, grantPermission, reactivateUser, revokePermission, signOutEverywhere, updateUser } from "@/lib/users/mutations";
import { contextFor } from "../support/context";
import { createTestDatabase } from "../support/database";

const RUNS = 60;
const { db, url } = await createTestDatabase("demo");
const q = async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
};

const id = async (sql: string) => (await q<{ id: string }>(sql))[0]!.id;
const users = Object.fromEntries((await db.user.findMany({ select: { id: true, username: true } })).map((u) => [u.username, u.id]));
const icu = await id(`SELECT id FROM "Location" WHERE name = 'ICU'`);
const globexLocation = await id(`SELECT id FROM "Location" WHERE name = 'Globex'`);
const item = await id(`SELECT id FROM "Item" LIMIT 1`);
const board = await id(`SELECT id FROM "Board" WHERE name = 'ICU Huddle'`);
const luisGrant = await id(`SELECT g.id FROM "PermissionGrant" g JOIN "User" u ON u.id = g."userId" WHERE u.username = 'luis' AND permission = 'LOCAL_USER_ADMIN'`);
const gina = await contextFor(db, "gina");
const jane = await contextFor(db, "jane");

/** Everything a change could touch, as one digest; and the history, minus records of refusals. */
async function snapshot(): Promise<string> {
  const [row] = await q<{ digest: string }>(`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(concat_ws(',', id, name, email, active, "locationId", "passwordHash", "timeZone"), ';' ORDER BY id) FROM "User"),
      (SELECT string_agg(concat_ws(',', id, "impersonationReasonRequired", "impersonationReasonMinLength", "impersonationIdleTimeoutSeconds", "impersonationMaxDurationSeconds", "impersonationViewOnly", "impersonationConsentRequired"), ';' ORDER BY id) FROM "Organization"),
      (SELECT string_agg(concat_ws(',', id, permission, "locationId"), ';' ORDER BY id) FROM "PermissionGrant"),
      (SELECT string_agg(concat_ws(',', id, title, description, status, "assigneeId", "locationId"), ';' ORDER BY id) FROM "Item"),
      (SELECT count(*) FROM "Comment"),
      (SELECT string_agg(concat_ws(',', id, name, filters::text, "deletedAt"), ';' ORDER BY id) FROM "Board"),
      (SELECT string_agg(concat_ws(',', id, status), ';' ORDER BY id) FROM "ImpersonationRequest"),
      (SELECT string_agg(concat_ws(',', id, status, "endReason"), ';' ORDER BY id) FROM "ImpersonationSession"),
      (SELECT string_agg(concat_ws(',', id, "expiresAt", "revokedAt"), ';' ORDER BY id) FROM "AccessGrant"),
      (SELECT string_agg(concat_ws(',', id, status), ';' ORDER BY id) FROM "AccessRequest"),
      (SELECT string_agg(concat_ws(',', id, url, status, secret), ';' ORDER BY id) FROM "AuditStreamEndpoint"),
      (SELECT count(*) FROM "AuditDelivery"),
      (SELECT count(*) FROM "EmailMessage"),
      (SELECT string_agg(concat_ws(',', id, "revokedAt"), ';' ORDER BY id) FROM "AuthSession"),
      (SELECT string_agg(concat_ws(',', id, "clearedAt"), ';' ORDER BY id) FROM "SignInAttempt"),
      (SELECT count(*) FROM "TimelineEvent" WHERE type NOT IN ('access.refused', 'impersonation.denied'))
    )) AS digest`);
  return row!.digest;
}

// ─── What "broken" means, by kind of field ───
const unicode = fc.constantFrom("\u0000", "\u202Eevil", "😀".repeat(40), "a\u0301\u0301\u0301", "\uFEFF", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\uD800", "%00", "' OR 1=1 --");
const wrongType = fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
const oversized = (max: number) => fc.constantFrom("x".repeat(max + 1), "😀".repeat(max + 1), "\u00e9".repeat(max + 1), `${"a".repeat(max)}\u0000`);
/** An id that names nothing the viewer may touch. */
const badId = fc.oneof(
  wrongType,
  unicode,
  fc.constant(""),
  fc.constant("x".repeat(65)),
  fc.string({ minLength: 1, maxLength: 64 }).map((s) => `no-such-${s}`),
  fc.constantFrom(users.gabe!, globexLocation),
);
/** For an optional id, where blank means "none" (valid): only what is not blank. */
const badOptionalId = badId.filter((v) => typeof v !== "string" || v.trim() !== "");
const badText = (max: number) => fc.oneof(wrongType, fc.constantFrom("", "   ", "\t\n"), oversized(max));
const badEnum = fc.oneof(wrongType, unicode, fc.constantFrom("", "done", "SUPER_ADMIN", "NEW "));
const noise = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).map((k) => `x_${k}`), fc.oneof(fc.string(), wrongType), { maxKeys: 3 });

type Case = { ctx: () => RequestContext; base: Record<string, unknown>; broken: Record<string, fc.Arbitrary<unknown>>; run: (ctx: RequestContext, input: never) => Promise<unknown> };

const cases: Record<string, Case> = {
  createUser: {
    ctx: () => gina,
    base: { username: "prop-user", name: "Prop User", email: "", locationId: icu, password: "a-long-initial-password" },
    broken: { username: fc.oneof(badText(64), unicode), name: badText(120), locationId: badId, password: fc.oneof(wrongType, fc.constantFrom("", "short"), oversized(256)) },
    run: createUser,
  },
  updateUser: { ctx: () => gina, base: { userId: users.jane, name: "Jane Doe", email: "jane@acme.test", locationId: icu }, broken: { userId: badId, name: badText(120), locationId: badId }, run: updateUser },
  deactivateUser: { ctx: () => gina, base: { userId: users.sam }, broken: { userId: badId }, run: deactivateUser },
  reactivateUser: { ctx: () => gina, base: { userId: users.dora }, broken: { userId: badId }, run: reactivateUser },
  grantPermission: { ctx: () => gina, base: { userId: users.jane, permission: "IMPERSONATE_USER" }, broken: { userId: badId, permission: badEnum }, run: grantPermission },
  revokePermission: { ctx: () => gina, base: { userId: users.luis, grantId: luisGrant }, broken: { userId: badId, grantId: badId }, run: revokePermission },
  signOutEverywhere: { ctx: () => gina, base: { userId: users.sam }, broken: { userId: badId }, run: signOutEverywhere },
  clearLockout: { ctx: () => gina, base: { userId: users.sam }, broken: { userId: badId }, run: clearLockout },
  createItem: {
    ctx: () => jane,
    base: { title: "Prop Item", description: "", locationId: icu, assigneeId: "", status: "NEW" },
    broken: { title: badText(200), locationId: badId, assigneeId: badOptionalId, status: badEnum, description: oversized(5000) },
    run: createItem,
  },
  updateItem: { ctx: () => jane, base: { itemId: item, title: "Renamed", description: "", locationId: icu }, broken: { itemId: badId, title: badText(200), locationId: badId }, run: updateItem },
  changeItemStatus: { ctx: () => jane, base: { itemId: item, status: "DONE" }, broken: { itemId: badId, status: badEnum }, run: changeItemStatus },
  assignItem: { ctx: () => jane, base: { itemId: item, assigneeId: users.sam }, broken: { itemId: badId, assigneeId: badOptionalId }, run: assignItem },
  addComment: { ctx: () => jane, base: { itemId: item, body: "A comment" }, broken: { itemId: badId, body: badText(5000) }, run: addComment },
  createBoard: {
    ctx: () => jane,
    base: { name: "Prop Board" },
    broken: { name: badText(100), locationId: badOptionalId, "statuses[]": fc.array(badEnum, { minLength: 1, maxLength: 5 }) },
    run: createBoard,
  },
  renameBoard: { ctx: () => jane, base: { boardId: board, name: "Renamed Board" }, broken: { boardId: badId, name: badText(100) }, run: renameBoard },
  updateBoardFilters: { ctx: () => jane, base: { boardId: board }, broken: { boardId: badId, locationId: badOptionalId }, run: updateBoardFilters },
  deleteBoard: { ctx: () => jane, base: { boardId: board }, broken: { boardId: badId }, run: deleteBoard },
  confirmImpersonation: { ctx: () => gina, base: { targetId: users.jane, reason: "" }, broken: { targetId: badId, reason: fc.oneof(wrongType, oversized(500)) }, run: confirmImpersonation },
  revokeImpersonation: { ctx: () => gina, base: { sessionId: "none" }, broken: { sessionId: badId }, run: revokeImpersonation },
  // Blank (or only white space) means "the browser's own": valid, so not among the broken values.
  updateTimeZone: { ctx: () => jane, base: { timeZone: "Europe/Paris" }, broken: { timeZone: fc.oneof(wrongType, unicode.filter((v) => v.trim() !== ""), oversized(64), fc.constantFrom("Mars/Olympus_Mons", "UTC+25", "../etc/passwd")) }, run: updateTimeZone },
  updateImpersonationSettings: {
    ctx: () => gina,
    base: { reasonRequired: "on", reasonMinLength: "12", idleMinutes: "3", capMinutes: "30", viewOnly: "", consentRequired: "on" },
    broken: {
      reasonRequired: fc.oneof(wrongType, fc.constantFrom("yes", "1", "ON ")),
      reasonMinLength: fc.oneof(fc.array(fc.string(), { minLength: 2, maxLength: 3 }), fc.object({ maxDepth: 1 }), fc.constantFrom("", "abc", "0", "-3", "1.5", "201", "1e9")),
      // Beyond the server's maximum (300 s idle, 3600 s cap in the test configuration) counts as broken.
      idleMinutes: fc.oneof(wrongType, fc.constantFrom("0", "-1", "2.5", "abc", "6", "9999999")),
      capMinutes: fc.oneof(wrongType, fc.constantFrom("0", "-60", "61", "1e3", "x")),
      viewOnly: fc.oneof(wrongType, fc.constantFrom("maybe", "1")),
      consentRequired: fc.oneof(wrongType, fc.constantFrom("yes", "1")),
    },
    run: updateImpersonationSettings,
  },
  // Consent before access (the organization's consent is off here, so an ask that got past its
  // input would still be refused, and change nothing).
  grantAccess: { ctx: () => jane, base: { duration: "day" }, broken: { duration: badEnum }, run: grantAccess },
  revokeAccess: { ctx: () => jane, base: { grantId: "none" }, broken: { grantId: badId }, run: revokeAccess },
  declineAccessRequest: { ctx: () => jane, base: { requestId: "none" }, broken: { requestId: badId }, run: declineAccessRequest },
  requestAccess: { ctx: () => gina, base: { targetId: users.jane, reason: "" }, broken: { targetId: badId, reason: fc.oneof(wrongType, oversized(500)) }, run: requestAccess },
  // Audit streaming (no endpoint exists here, so an id that parses still names nothing).
  createAuditEndpoint: {
    ctx: () => gina,
    base: { url: "https://siem.example.com/hook", scope: "BOTH" },
    broken: { url: fc.oneof(badText(2000), unicode, fc.constantFrom("ftp://x.example/", "https://user:pw@x.example/", "https://127.0.0.1/", "https://[::1]/", "http://169.254.169.254/")), scope: badEnum },
    run: createAuditEndpoint,
  },
  rotateAuditSecret: { ctx: () => gina, base: { endpointId: "none" }, broken: { endpointId: badId }, run: rotateAuditSecret },
  setAuditEndpointStatus: { ctx: () => gina, base: { endpointId: "none", status: "PAUSED" }, broken: { endpointId: badId, status: badEnum }, run: setAuditEndpointStatus },
  deleteAuditEndpoint: { ctx: () => gina, base: { endpointId: "none" }, broken: { endpointId: badId }, run: deleteAuditEndpoint },
  sendAuditTestEvent: { ctx: () => gina, base: { endpointId: "none" }, broken: { endpointId: badId }, run: sendAuditTestEvent },
  replayAuditDelivery: { ctx: () => gina, base: { deliveryId: "none" }, broken: { deliveryId: badId }, run: replayAuditDelivery },
  changePassword: {
    ctx: () => jane,
    base: { currentPassword: "kaizen-demo", newPassword: "a-new-long-password", confirmPassword: "a-new-long-password" },
    broken: { currentPassword: fc.oneof(wrongType, fc.constantFrom(""), oversized(256)), newPassword: fc.oneof(wrongType, fc.constantFrom("", "short"), oversized(256)) },
    run: changePassword,
  },
};

/** Valid input with one or more fields broken, and unknown fields added. */
function brokenInput(c: Case) {
  const fields = Object.keys(c.broken);
  return fc
    .record({
      fields: fc.subarray(fields, { minLength: 1 }),
      values: fc.record(c.broken),
      noise,
    })
    .map(({ fields: chosen, values, noise: extra }) => {
      const input: Record<string, unknown> = { ...extra, ...c.base };
      for (const field of chosen) input[field] = values[field];
      return { input, chosen };
    });
}

let generated = 0;
describe("every change, fed generated bad input", () => {
  it.each(Object.entries(cases))("%s answers with a clear error and changes nothing", async (_name, c) => {
    await fc.assert(
      fc.asyncProperty(brokenInput(c), async ({ input }) => {
        const before = await snapshot();
        let error: unknown;
        try {
          await c.run(c.ctx(), input as never);
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(ActionError);
        const { message, fieldErrors } = error as ActionError;
        expect(message.length).toBeGreaterThan(0);
        expect(message).not.toMatch(/prisma|invalid `|at .*\(|stack/i);
        if (message === FIX_FIELDS) expect(Object.keys(fieldErrors ?? {}).length).toBeGreaterThan(0);
        expect(await snapshot()).toBe(before);
        generated++;
      }),
      { numRuns: RUNS },
    );
  });

  it("covered every mutation with generated input", () => {
    expect(generated).toBe(Object.keys(cases).length * RUNS);
    console.log(`[bad input] ${generated} generated inputs across ${Object.keys(cases).length} mutations: all refused clearly, nothing changed`);
  });
});
