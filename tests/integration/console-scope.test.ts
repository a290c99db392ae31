// The Impersonations console's reach is the policy's: every demo user as the viewer × every demo
// user as the target, the list, both exports, the detail page, End now, End all and the count of
// active ones show or touch an impersonation exactly when the viewer may manage its target
// (canManageUser, the rule User Management uses), and the events inside one are those the Admin
// Timeline shows the viewer. Against the real database.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RequestContext } from "@/lib/context/create";
import { adminEventsShownTo, listAdminTimeline } from "@/lib/timeline/queries";
import { impersonationsCsv, impersonationsJson } from "@/lib/impersonation/export";
import { revokeAllImpersonations, revokeImpersonation } from "@/lib/impersonation/mutations";
import { getImpersonation, impersonationsForExport, listImpersonations } from "@/lib/impersonation/queries";
import { endImpersonation } from "@/lib/impersonation/end";
import { changeItemStatus } from "@/lib/items/mutations";
import { ActionError } from "@/lib/mutation";
import { loadAuthorities, loadAuthority } from "@/lib/permissions/authority";
import { canManageUser, manageableUsers } from "@/lib/permissions/policy";
import { grantPermission, revokePermission, updateUser } from "@/lib/users/mutations";
import { contextFor, TEST_CONFIG } from "../support/context";
import { createTestDatabase } from "../support/database";
import { impersonate } from "../support/impersonation";

const { db } = await createTestDatabase("demo");

// A second Globex administrator, so that Globex has an impersonation (of gabe) too.
const globex = await db.organization.findFirstOrThrow({ where: { name: "Globex" }, select: { id: true, locations: { select: { id: true } } } });
await db.user.create({
  data: {
    organizationId: globex.id,
    locationId: globex.locations[0]!.id,
    username: "gwen",
    name: "Gwen Globex",
    passwordHash: "unused: this test never signs in",
    grants: { create: [{ organizationId: globex.id, permission: "GLOBAL_USER_ADMIN" }, { organizationId: globex.id, permission: "IMPERSONATE_USER" }] },
  },
});

const users = Object.fromEntries((await db.user.findMany({ select: { id: true, name: true, username: true, locationId: true } })).map((u) => [u.username, u]));
const locations = Object.fromEntries((await db.location.findMany({ select: { id: true, name: true } })).map((l) => [l.name, l.id]));
const VIEWERS = ["gina", "luis", "lena", "nora", "jane", "sam", "sid", "dora", "gabe"];
const TARGETS = ["gina", "luis", "lena", "nora", "jane", "sam", "sid", "dora", "gabe"];

/** Who may manage whom in the demo data: what the policy says, written out (checked against it below). */
const MANAGES: Record<string, string[]> = {
  gina: ["gina", "luis", "lena", "nora", "jane", "sam", "sid", "dora"],
  luis: ["luis", "lena", "jane", "dora"],
  lena: ["lena", "jane", "dora"],
  nora: ["lena", "nora", "jane", "sam", "dora"],
  jane: [],
  sam: [],
  sid: ["gina", "luis", "lena", "nora", "jane", "sam", "sid", "dora"],
  dora: [],
  gabe: ["gabe"],
};

async function mayManage(viewer: string, target: string): Promise<boolean> {
  const [admin, managed] = await Promise.all([loadAuthority(db, users[viewer]!.id), loadAuthority(db, users[target]!.id)]);
  return canManageUser(admin!, managed!).ok;
}

/** Who impersonates each target; sid, dora and gabe are refused by the policy today, so what stands in the way is lifted while it starts. */
const IMPERSONATED_BY: Record<string, string> = { gina: "sid", luis: "gina", lena: "gina", nora: "gina", jane: "gina", sam: "gina", sid: "gina", dora: "gina", gabe: "gwen" };

async function impersonationOf(target: string, options: { now?: Date } = {}) {
  const lift = target === "sid" ? { isInternal: false } : target === "dora" ? { active: true } : null;
  if (!lift) return impersonate(db, IMPERSONATED_BY[target]!, target, options);
  await db.user.update({ where: { id: users[target]!.id }, data: lift });
  try {
    return await impersonate(db, IMPERSONATED_BY[target]!, target, options);
  } finally {
    await db.user.update({ where: { id: users[target]!.id }, data: target === "sid" ? { isInternal: true } : { active: false } });
  }
}

/** The JSON export's text, as the route sends it. */
const asJson = (sessions: Awaited<ReturnType<typeof impersonationsForExport>>["sessions"]) =>
  JSON.stringify(impersonationsJson(sessions, { timeZone: "UTC", exportedAt: new Date(), filters: {}, truncated: false }), (_, v: unknown) => (typeof v === "bigint" ? String(v) : v));
const statusOf = async (id: string) => (await db.impersonationSession.findUniqueOrThrow({ where: { id }, select: { status: true } })).status;
const settled = <T>(promise: Promise<T>) =>
  promise.then(
    () => "done" as const,
    (e: unknown) => {
      if (!(e instanceof ActionError)) throw e;
      return "refused" as const;
    },
  );

describe("the console's reach, viewer × target over the demo users", () => {
  it("the written-out table is the policy's", async () => {
    for (const viewer of VIEWERS) {
      const managed = [];
      for (const target of TARGETS) if (await mayManage(viewer, target)) managed.push(target);
      expect(managed.sort(), viewer).toEqual([...MANAGES[viewer]!].sort());
    }
  });

  it("lists, exports (CSV and JSON) and opens exactly the impersonations of people the viewer may manage", async () => {
    const day = new Date(Date.UTC(2026, 2, 2, 9));
    const byTarget = new Map<string, string>();
    for (const [i, target] of TARGETS.entries()) {
      const { id } = await impersonationOf(target, { now: new Date(day.getTime() + i * 60_000) });
      await endImpersonation(db, id, { reason: "SIGN_OUT", endedAt: new Date(day.getTime() + i * 60_000 + 30_000) }, TEST_CONFIG);
      byTarget.set(id, target);
    }
    const ours = (ids: string[]) => ids.filter((id) => byTarget.has(id)).map((id) => byTarget.get(id)!).sort();
    const wrong: string[] = [];
    for (const viewer of VIEWERS) {
      const ctx = await contextFor(db, viewer);
      const expected = [...MANAGES[viewer]!].sort();
      const listed = ours((await listImpersonations(ctx, {}, 500)).rows.map((r) => r.id));
      const { sessions } = await impersonationsForExport(ctx, {});
      const exported = ours(sessions.map((s) => s.id));
      const json = asJson(sessions);
      const csv = impersonationsCsv(sessions, "UTC");
      const opened: string[] = [];
      for (const id of byTarget.keys()) if (await getImpersonation(ctx, id)) opened.push(byTarget.get(id)!);
      for (const [what, got] of Object.entries({ listed, exported, opened: opened.sort() })) {
        if (JSON.stringify(got) !== JSON.stringify(expected)) wrong.push(`${viewer} ${what} ${got.join(",")}; may manage ${expected.join(",")}`);
      }
      for (const [id, target] of byTarget) {
        const shown = [json.includes(id), csv.includes(id)];
        if (shown.some((s) => s !== expected.includes(target))) wrong.push(`${viewer}: ${target}'s impersonation in JSON ${shown[0]}, CSV ${shown[1]}`);
      }
    }
    expect(wrong.join("\n")).toBe("");
  });

  it("End now ends an impersonation exactly when the viewer may manage its target", async () => {
    const wrong: string[] = [];
    // Only these can be running: the policy ends any other at once.
    for (const target of ["gina", "luis", "lena", "nora", "jane", "sam"]) {
      for (const viewer of VIEWERS) {
        const { id } = await impersonationOf(target);
        const outcome = await settled(revokeImpersonation(await contextFor(db, viewer), { sessionId: id }));
        const allowed = MANAGES[viewer]!.includes(target);
        const status = await statusOf(id);
        if (outcome !== (allowed ? "done" : "refused") || status !== (allowed ? "ENDED" : "ACTIVE")) wrong.push(`${viewer} ending ${target}'s: ${outcome}, ${status}`);
        await endImpersonation(db, id, { reason: "SIGN_OUT" }, TEST_CONFIG);
      }
    }
    expect(wrong.join("\n")).toBe("");
  });

  it("End all ends, and the console counts, exactly the active ones the viewer may manage", async () => {
    const wrong: string[] = [];
    // One running impersonation per administrator at a time: two rounds of three cover every target that can run.
    const rounds = [
      [["gina", "nora"], ["sid", "luis"], ["luis", "jane"]],
      [["gina", "sam"], ["sid", "gina"], ["luis", "lena"]],
    ];
    for (const viewer of ["gina", "luis", "lena", "nora", "sid", "gabe"]) {
      for (const round of rounds) {
        const live = new Map<string, string>();
        for (const [actor, target] of round) live.set((await impersonate(db, actor!, target!)).id, target!);
        const ctx = await contextFor(db, viewer);
        const expected = [...live.values()].filter((t) => MANAGES[viewer]!.includes(t));
        const { activeCount } = await listImpersonations(ctx, {});
        const { ended } = await revokeAllImpersonations(ctx, {});
        const endedTargets = [];
        for (const [id, target] of live) if ((await statusOf(id)) === "ENDED") endedTargets.push(target);
        if (activeCount !== expected.length || ended !== expected.length || endedTargets.sort().join() !== expected.sort().join()) {
          wrong.push(`${viewer}: counted ${activeCount}, ended ${endedTargets.join(",")}; may manage ${expected.join(",")}`);
        }
        for (const id of live.keys()) await endImpersonation(db, id, { reason: "SIGN_OUT" }, TEST_CONFIG);
      }
    }
    expect(wrong.join("\n")).toBe("");
  });

  it("pages a Local User Administrator's list by keyset with full pages, no gaps and no repeats", async () => {
    // Twelve on one day, every other one of someone luis may not manage (nora), two sharing each start time.
    const day = Date.UTC(2026, 2, 3, 9);
    for (let i = 0; i < 12; i++) {
      const { id } = await impersonate(db, "gina", i % 2 ? "nora" : "jane", { now: new Date(day + Math.floor(i / 2) * 60_000) });
      await endImpersonation(db, id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    }
    const filters = { from: "2026-03-03", to: "2026-03-03" };
    const everything = (await listImpersonations(await contextFor(db, "gina"), filters, 100)).rows;
    expect(everything).toHaveLength(12);
    const expected = everything.filter((r) => r.target.username === "jane").map((r) => r.id);
    const luis = await contextFor(db, "luis");
    const pages: string[][] = [];
    let page = await listImpersonations(luis, filters, 2);
    pages.push(page.rows.map((r) => r.id));
    for (let i = 0; page.nextCursor && i < 10; i++) {
      page = await listImpersonations(luis, { ...filters, after: page.nextCursor }, 2);
      pages.push(page.rows.map((r) => r.id));
    }
    expect(pages.flat()).toEqual(expected);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
    // …and back from the last page.
    const back = await listImpersonations(luis, { ...filters, before: page.prevCursor! }, 2);
    expect(back.rows.map((r) => r.id)).toEqual(expected.slice(2, 4));
  });

  it("filters the Admin Timeline by who did it, as the user or the true actor, page by page both ways", async () => {
    // gina as Nora: the edits are Nora's (userId) and gina's (actorId).
    const asNora = await impersonate(db, "gina", "nora");
    for (const name of ["Sam By-Nora", "Sam Again", "Sam Thrice"]) await updateUser(asNora.ctx, { userId: users.sam!.id, name, email: "", locationId: users.sam!.locationId });
    await endImpersonation(db, asNora.id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    for (const [viewer, who] of [["gina", "gina"], ["gina", "nora"], ["luis", "gina"], ["gina", "nobody"]] as const) {
      const ctx = await contextFor(db, viewer);
      const id = users[who]?.id ?? "";
      const expected = (
        await db.timelineEvent.findMany({
          where: { AND: [{ organizationId: ctx.viewer.organizationId, scope: "ADMIN", OR: [{ userId: id }, { actorId: id }] }, adminEventsShownTo(ctx.scope)] },
          orderBy: { id: "desc" },
          select: { id: true },
        })
      ).map((e) => e.id);
      if (who !== "nobody") expect(expected.length, `${viewer}, by ${who}`).toBeGreaterThan(2);
      const pages: bigint[][] = [];
      let page = await listAdminTimeline(ctx, { who }, 2);
      pages.push(page.entries.map((e) => e.id));
      for (let i = 0; page.nextCursor && i < 1000; i++) {
        page = await listAdminTimeline(ctx, { who, after: page.nextCursor }, 2);
        pages.push(page.entries.map((e) => e.id));
      }
      expect(pages.flat(), `${viewer}, by ${who}`).toEqual(expected);
      // …and back from the last page: the two before it.
      if (pages.length > 1) {
        const back = await listAdminTimeline(ctx, { who, before: page.prevCursor! }, 2);
        expect(back.entries.map((e) => e.id)).toEqual(pages.at(-2));
      }
    }
    await updateUser(await contextFor(db, "gina"), { userId: users.sam!.id, name: "Sam South", email: "", locationId: users.sam!.locationId });
  });
});

describe("what a Local User Administrator may not see", () => {
  it("gina as Nora North edits Sam South: luis sees none of it, and cannot end it", async () => {
    const asNora = await impersonate(db, "gina", "nora");
    const renamed = "Sam Renamed-As-Nora";
    await updateUser(asNora.ctx, { userId: users.sam!.id, name: renamed, email: "", locationId: users.sam!.locationId });
    const edit = await db.timelineEvent.findFirstOrThrow({ where: { impersonationSessionId: asNora.id, type: "user.updated" }, select: { id: true } });

    const luis = await contextFor(db, "luis");
    const { sessions } = await impersonationsForExport(luis, {});
    const json = asJson(sessions);
    expect(json).not.toContain(renamed);
    expect(json).not.toContain(asNora.id);
    expect(impersonationsCsv(sessions, "UTC")).not.toContain(renamed);
    expect((await listImpersonations(luis, {}, 500)).rows.map((r) => r.id)).not.toContain(asNora.id);
    expect(await getImpersonation(luis, asNora.id)).toBeNull();
    expect(await settled(revokeImpersonation(luis, { sessionId: asNora.id }))).toBe("refused");
    expect((await listImpersonations(luis, {})).activeCount).toBe(0);
    expect(await revokeAllImpersonations(luis, {})).toEqual({ ended: 0 });
    expect(await statusOf(asNora.id)).toBe("ACTIVE");
    // The Admin Timeline hides the edit from him too.
    expect((await listAdminTimeline(luis, {}, 1000)).entries.map((e) => e.id)).not.toContain(edit.id);

    // gina, who may manage Nora, sees it all.
    const gina = await contextFor(db, "gina");
    expect((await getImpersonation(gina, asNora.id))!.events.map((e) => e.id)).toContain(edit.id);
    const ginaExport = await impersonationsForExport(gina, { target: "nora" });
    expect(asJson(ginaExport.sessions)).toContain(renamed);

    await endImpersonation(db, asNora.id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    await updateUser(gina, { userId: users.sam!.id, name: "Sam South", email: "", locationId: users.sam!.locationId });
  });

  it("shows the events inside an impersonation as the Admin Timeline shows them", async () => {
    // lena, for a while also a Local User Administrator of South Campus, is impersonated and, as
    // her, Sam South (South) and Jane Doe (ICU) are edited and an Item changed.
    const gina = await contextFor(db, "gina");
    await grantPermission(gina, { userId: users.lena!.id, permission: "LOCAL_USER_ADMIN", locationId: locations["South Campus"]! });
    const asLena = await impersonate(db, "gina", "lena");
    await updateUser(asLena.ctx, { userId: users.sam!.id, name: "Sam Edited-As-Lena", email: "", locationId: users.sam!.locationId });
    await updateUser(asLena.ctx, { userId: users.jane!.id, name: "Jane Edited-As-Lena", email: "jane@acme.test", locationId: users.jane!.locationId });
    const item = await db.item.findFirstOrThrow({ where: { location: { name: "ICU" } }, select: { id: true, status: true } });
    await changeItemStatus(asLena.ctx, { itemId: item.id, status: item.status === "DONE" ? "NEW" : "DONE" });
    await endImpersonation(db, asLena.id, { reason: "SIGN_OUT" }, TEST_CONFIG);
    const luis = await contextFor(db, "luis");
    // While lena holds a grant luis does not, he may not manage her: the impersonation is not his to see.
    expect(await getImpersonation(luis, asLena.id)).toBeNull();

    const south = await db.permissionGrant.findFirstOrThrow({ where: { userId: users.lena!.id, locationId: locations["South Campus"]! }, select: { id: true } });
    await revokePermission(gina, { userId: users.lena!.id, grantId: south.id });
    const all = (await getImpersonation(gina, asLena.id))!.events;
    const seen = (await getImpersonation(luis, asLena.id))!.events;
    const about = (events: typeof all) => events.map((e) => `${e.type} ${e.subjectUser?.username ?? e.item?.id ?? ""}`);
    expect(about(all)).toEqual(expect.arrayContaining(["user.updated sam", "user.updated jane", `item.status_changed ${item.id}`]));
    expect(about(seen)).toEqual(about(all).filter((e) => e !== "user.updated sam"));

    // Its Admin Timeline events are exactly those the Admin Timeline shows luis.
    const timeline = (await listAdminTimeline(luis, {}, 1000)).entries.filter((e) => e.impersonationSessionId === asLena.id);
    expect(seen.filter((e) => e.scope === "ADMIN").map((e) => e.id)).toEqual(timeline.map((e) => e.id).reverse());

    // The exports say the same.
    const exported = (ctx: RequestContext) =>
      impersonationsForExport(ctx, { target: "lena" }).then(({ sessions }) => sessions.find((s) => s.id === asLena.id)!.events.map((e) => e.id));
    expect(await exported(luis)).toEqual(seen.map((e) => e.id));
    expect(await exported(gina)).toEqual(all.map((e) => e.id));
    const { sessions } = await impersonationsForExport(luis, { target: "lena" });
    expect(impersonationsCsv(sessions, "UTC")).not.toContain("Sam Edited-As-Lena");
    expect(impersonationsCsv(sessions, "UTC")).toContain("Jane Edited-As-Lena");

    await updateUser(gina, { userId: users.sam!.id, name: "Sam South", email: "", locationId: users.sam!.locationId });
    await updateUser(gina, { userId: users.jane!.id, name: "Jane Doe", email: "jane@acme.test", locationId: users.jane!.locationId });
  });
});

describe("the policy as a query", () => {
  // Last in this file: it rewrites the demo organization's homes and grants at will.
  it("selects exactly the users canManageUser allows, for any homes, grants and deactivations", async () => {
    const acme = await db.organization.findFirstOrThrow({ where: { name: "Acme Health" }, select: { id: true } });
    const places = ["Acme Health", "North Campus", "ICU", "South Campus"].map((name) => locations[name]!);
    const people = ["gina", "luis", "lena", "nora", "jane", "sam", "sid", "dora"].map((u) => users[u]!.id);
    const person = fc.record({
      home: fc.constantFrom(...places),
      active: fc.boolean(),
      global: fc.boolean(),
      impersonate: fc.boolean(),
      localAt: fc.subarray(places),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: people.length, maxLength: people.length }), async (drawn) => {
        await db.permissionGrant.deleteMany({ where: { userId: { in: people } } });
        for (const [i, p] of drawn.entries()) {
          const userId = people[i]!;
          await db.user.update({ where: { id: userId }, data: { locationId: p.home, active: p.active } });
          const grants = [
            ...(p.global ? [{ permission: "GLOBAL_USER_ADMIN" as const, locationId: null }] : []),
            ...(p.impersonate ? [{ permission: "IMPERSONATE_USER" as const, locationId: null }] : []),
            ...p.localAt.map((locationId) => ({ permission: "LOCAL_USER_ADMIN" as const, locationId })),
          ];
          await db.permissionGrant.createMany({ data: grants.map((g) => ({ ...g, organizationId: acme.id, userId })) });
        }
        const everyone = await loadAuthorities(db, [...people, users.gabe!.id, users.gwen!.id]);
        for (const admin of everyone.values()) {
          const selected = (await db.user.findMany({ where: manageableUsers(admin), select: { id: true } })).map((u) => u.id).sort();
          const allowed = [...everyone.values()].filter((target) => canManageUser(admin, target).ok).map((t) => t.userId).sort();
          expect(selected, admin.username).toEqual(allowed);
        }
      }),
      { numRuns: 25 },
    );
  });
});
