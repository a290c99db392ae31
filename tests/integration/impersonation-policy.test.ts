// The impersonation policy over the whole demo matrix (README, "Demo sign-ins"): every actor × every target,
// with permissions and Locations read from the real database.
import { describe, expect, it } from "vitest";
import { canImpersonate, type ImpersonationDenial } from "@/lib/impersonation/policy";
import { loadAuthority } from "@/lib/permissions/authority";
import { createTestDatabase } from "../support/database";

const { db } = await createTestDatabase("demo");
const ids = Object.fromEntries((await db.user.findMany({ select: { id: true, username: true } })).map((u) => [u.username, u.id]));
const everyone = ["gina", "luis", "lena", "nora", "jane", "sam", "sid", "dora", "gabe"];

type Expect = "ok" | ImpersonationDenial;
const NOT_PERMITTED = Object.fromEntries(everyone.map((t) => [t, "not-permitted" as Expect]));

const matrix: Record<string, Record<string, Expect>> = {
  gina: { gina: "self", luis: "ok", lena: "ok", nora: "ok", jane: "ok", sam: "ok", sid: "internal-target", dora: "target-inactive", gabe: "other-organization" },
  luis: { gina: "outside-scope", luis: "self", lena: "ok", nora: "escalation", jane: "ok", sam: "outside-scope", sid: "internal-target", dora: "target-inactive", gabe: "other-organization" },
  lena: { ...NOT_PERMITTED, lena: "self" },
  nora: { ...NOT_PERMITTED, nora: "self" },
  jane: { ...NOT_PERMITTED, jane: "self" },
  sam: { ...NOT_PERMITTED, sam: "self" },
  sid: { gina: "ok", luis: "ok", lena: "ok", nora: "ok", jane: "ok", sam: "ok", sid: "self", dora: "target-inactive", gabe: "other-organization" },
  // dora is deactivated: that is checked before her (absent) permissions.
  dora: { ...Object.fromEntries(everyone.map((t) => [t, "actor-inactive" as Expect])), dora: "self" },
  // gabe holds the permissions, but everyone else is in another organization.
  gabe: Object.fromEntries(everyone.map((t) => [t, (t === "gabe" ? "self" : "other-organization") as Expect])),
};

const cases = Object.entries(matrix).flatMap(([actor, row]) => everyone.map((target) => [actor, target, row[target]!] as const));

describe("canImpersonate over the demo matrix", () => {
  it.each(cases)("%s → %s: %s", async (actor, target, expected) => {
    const [a, t] = await Promise.all([loadAuthority(db, ids[actor]!), loadAuthority(db, ids[target]!)]);
    const decision = canImpersonate(a!, t!, { actorIsImpersonating: false });
    expect(decision.ok ? "ok" : decision.reason).toBe(expected);
  });

  it("never allows a chain: nobody impersonates while impersonating", async () => {
    const [gina, jane] = await Promise.all([loadAuthority(db, ids.gina!), loadAuthority(db, ids.jane!)]);
    expect(canImpersonate(gina!, jane!, { actorIsImpersonating: true })).toEqual({ ok: false, reason: "already-impersonating" });
  });

  it("answers from permissions as they are now: a grant taken away changes the answer", async () => {
    const { db: scratch } = await createTestDatabase("demo");
    const luis = (await scratch.user.findUniqueOrThrow({ where: { username: "luis" } })).id;
    const jane = (await scratch.user.findUniqueOrThrow({ where: { username: "jane" } })).id;
    expect(canImpersonate((await loadAuthority(scratch, luis))!, (await loadAuthority(scratch, jane))!, { actorIsImpersonating: false }).ok).toBe(true);
    await scratch.permissionGrant.deleteMany({ where: { userId: luis, permission: "IMPERSONATE_USER" } });
    expect(canImpersonate((await loadAuthority(scratch, luis))!, (await loadAuthority(scratch, jane))!, { actorIsImpersonating: false })).toEqual({
      ok: false,
      reason: "not-permitted",
    });
  });
});
