// User Management's scope rules against the real database: who may manage whom, and "you cannot
// grant what you do not hold". A refusal changes nothing; a refusal by the policy is recorded.
import { describe, expect, it } from "vitest";
import { ActionError } from "@/lib/mutation";
import { loadAuthority } from "@/lib/permissions/authority";
import { canManageUser } from "@/lib/permissions/policy";
import { createUser, deactivateUser, grantPermission, reactivateUser, revokePermission, updateUser } from "@/lib/users/mutations";
import { contextFor } from "../support/context";
import { createTestDatabase } from "../support/database";

const { db } = await createTestDatabase("demo");

const users = Object.fromEntries(
  (await db.user.findMany({ select: { id: true, username: true, organizationId: true } })).map((u) => [u.username, u]),
);
const locations = Object.fromEntries((await db.location.findMany({ select: { id: true, name: true } })).map((l) => [l.name, l.id]));
const as = (username: string) => contextFor(db, username);
const eventCount = () => db.timelineEvent.count({ where: { type: { not: "access.refused" } } });
const refusalCount = () => db.timelineEvent.count({ where: { type: "access.refused" } });

/**
 * Runs `change` (twice) expecting a refusal with `message`, and checks nothing was changed; a
 * refusal by the policy (not a mistake in the input) is recorded, once per try.
 */
async function expectRefused(change: () => Promise<unknown>, message: RegExp) {
  const before = { events: await eventCount(), users: await db.user.count(), grants: await db.permissionGrant.count() };
  const refusals = await refusalCount();
  await expect(change()).rejects.toThrow(ActionError);
  await expect(change()).rejects.toThrow(message);
  expect({ events: await eventCount(), users: await db.user.count(), grants: await db.permissionGrant.count() }).toEqual(before);
  const recorded = (await refusalCount()) - refusals;
  expect(recorded).toBe(/highlighted fields|already holds|your own account/.test(message.source) ? 0 : 2);
}

describe("who may manage whom (policy over the demo organization)", () => {
  const expected: Record<string, string[]> = {
    // admin → the users they may manage
    gina: ["dora", "gina", "jane", "lena", "luis", "nora", "sam", "sid"],
    sid: ["dora", "gina", "jane", "lena", "luis", "nora", "sam", "sid"],
    nora: ["dora", "jane", "lena", "nora", "sam"], // not those holding Impersonate User, which nora lacks
    luis: ["dora", "jane", "lena", "luis"], // North Campus and below, nobody holding more than luis
    lena: ["dora", "jane", "lena"],
    jane: [],
    gabe: [],
  };
  it.each(Object.entries(expected))("%s manages exactly %j", async (admin, manageable) => {
    const authority = (await loadAuthority(db, users[admin]!.id))!;
    const acme = await db.user.findMany({ where: { organization: { name: "Acme Health" } }, select: { id: true, username: true } });
    const result = [];
    for (const target of acme) {
      if (canManageUser(authority, (await loadAuthority(db, target.id))!).ok) result.push(target.username);
    }
    expect(result.sort()).toEqual(manageable);
  });
});

describe("User Management services", () => {
  it("luis creates a user in ICU (below North Campus), attributed to him, with its event", async () => {
    const user = await createUser(await as("luis"), {
      username: "ivy",
      name: "Ivy ICU",
      email: "ivy@acme.test",
      locationId: locations.ICU!,
      password: "a-long-initial-password",
    });
    const event = await db.timelineEvent.findFirstOrThrow({ where: { subjectUserId: user.id } });
    expect(event).toMatchObject({ scope: "ADMIN", type: "user.created", userId: users.luis!.id, actorId: users.luis!.id, impersonationSessionId: null });
  });

  it("luis cannot create a user in South Campus, and jane cannot create anyone", async () => {
    const input = { username: "sol", name: "Sol South", email: "", locationId: locations["South Campus"]!, password: "a-long-initial-password" };
    await expectRefused(async () => createUser(await as("luis"), input), /highlighted fields/);
    await expectRefused(async () => createUser(await as("jane"), input), /do not have permission/);
  });

  it("a duplicate username or email is a field error and creates nothing", async () => {
    const base = { name: "Dup", locationId: locations.ICU!, password: "a-long-initial-password" };
    const gina = await as("gina");
    await expectRefused(() => createUser(gina, { ...base, username: "jane" }), /highlighted fields/);
    await expect(createUser(gina, { ...base, username: "jane" })).rejects.toMatchObject({
      fieldErrors: { username: ["That username is already taken."] },
    });
    await expect(createUser(gina, { ...base, username: "dup2", email: "jane@acme.test" })).rejects.toMatchObject({
      fieldErrors: { email: ["Another user in your organization already has this email address."] },
    });
  });

  it("luis manages jane but not sam (outside his Location), gina (above it) or nora (holds more than he does)", async () => {
    const luis = await as("luis");
    await updateUser(luis, { userId: users.jane!.id, name: "Jane Doe", email: "jane@acme.test", locationId: locations.ICU! });
    for (const target of ["sam", "gina", "nora"]) {
      await expectRefused(() => updateUser(luis, { userId: users[target]!.id, name: "Renamed", locationId: locations.ICU! }), /do not have permission/);
      await expectRefused(() => deactivateUser(luis, { userId: users[target]!.id }), /do not have permission/);
    }
  });

  it("luis cannot move jane to a Location he does not administer", async () => {
    await expectRefused(
      async () => updateUser(await as("luis"), { userId: users.jane!.id, name: "Jane Doe", email: "jane@acme.test", locationId: locations["South Campus"]! }),
      /highlighted fields/,
    );
  });

  it("nobody crosses organizations: gabe cannot see or change jane", async () => {
    const gabe = await as("gabe");
    await expectRefused(() => updateUser(gabe, { userId: users.jane!.id, name: "X", locationId: locations.ICU! }), /does not exist/);
    await expectRefused(() => grantPermission(gabe, { userId: users.jane!.id, permission: "IMPERSONATE_USER" }), /does not exist/);
  });

  it("you cannot grant what you do not hold", async () => {
    // luis holds Local User Administrator (North Campus) and Impersonate User.
    const luis = await as("luis");
    await expectRefused(() => grantPermission(luis, { userId: users.jane!.id, permission: "GLOBAL_USER_ADMIN" }), /do not cover/);
    await expectRefused(
      () => grantPermission(luis, { userId: users.jane!.id, permission: "LOCAL_USER_ADMIN", locationId: locations["South Campus"]! }),
      /do not cover/,
    );
    await expectRefused(
      () => grantPermission(luis, { userId: users.jane!.id, permission: "LOCAL_USER_ADMIN", locationId: locations["Acme Health"]! }),
      /do not cover/,
    );
    // lena and nora do not hold Impersonate User, so they cannot grant it.
    await expectRefused(async () => grantPermission(await as("lena"), { userId: users.jane!.id, permission: "IMPERSONATE_USER" }), /do not cover/);
    await expectRefused(async () => grantPermission(await as("nora"), { userId: users.jane!.id, permission: "IMPERSONATE_USER" }), /do not cover/);

    // What luis holds, or a narrower Local grant, he may give.
    await grantPermission(luis, { userId: users.jane!.id, permission: "LOCAL_USER_ADMIN", locationId: locations.ICU! });
    await grantPermission(luis, { userId: users.jane!.id, permission: "IMPERSONATE_USER" });
    const grants = await db.permissionGrant.findMany({ where: { userId: users.jane!.id }, select: { permission: true, location: { select: { name: true } } } });
    expect(grants.map((g) => `${g.permission}${g.location ? `:${g.location.name}` : ""}`).sort()).toEqual(["IMPERSONATE_USER", "LOCAL_USER_ADMIN:ICU"]);
    const events = await db.timelineEvent.findMany({ where: { subjectUserId: users.jane!.id, type: "permission.granted" } });
    expect(events).toHaveLength(2);

    // A second identical grant is refused; revoking works and is recorded.
    await expectRefused(() => grantPermission(luis, { userId: users.jane!.id, permission: "IMPERSONATE_USER" }), /already holds/);
    const local = await db.permissionGrant.findFirstOrThrow({ where: { userId: users.jane!.id, permission: "LOCAL_USER_ADMIN" } });
    await revokePermission(luis, { userId: users.jane!.id, grantId: local.id });
    expect(await db.timelineEvent.count({ where: { subjectUserId: users.jane!.id, type: "permission.revoked" } })).toBe(1);
  });

  it("deactivation: not oneself; a deactivated user stays deactivated until reactivated", async () => {
    const gina = await as("gina");
    await expectRefused(() => deactivateUser(gina, { userId: users.gina!.id }), /your own account/);
    await deactivateUser(gina, { userId: users.sam!.id });
    expect((await db.user.findUniqueOrThrow({ where: { id: users.sam!.id } })).active).toBe(false);
    await reactivateUser(gina, { userId: users.sam!.id });
    const types = (await db.timelineEvent.findMany({ where: { subjectUserId: users.sam!.id, type: { not: "access.refused" } }, orderBy: { id: "asc" } })).map(
      (e) => e.type,
    );
    expect(types).toEqual(["user.deactivated", "user.reactivated"]);
  });
});
