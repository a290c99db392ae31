// The demo organization (README, "Demo sign-ins"), which every test and doc relies on.
import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { createTestDatabase } from "../support/database";

const { db } = await createTestDatabase("demo");

describe("the demo seed", () => {
  it("has Acme Health's Location tree", async () => {
    const locations = await db.location.findMany({
      where: { organization: { name: "Acme Health" } },
      include: { parent: true },
      orderBy: { path: "asc" },
    });
    const byName = Object.fromEntries(locations.map((l) => [l.name, l]));
    expect(Object.keys(byName).sort()).toEqual(["Acme Health", "ICU", "North Campus", "South Campus"]);
    expect(byName["Acme Health"]!.parentId).toBeNull();
    expect(byName["North Campus"]!.parent?.name).toBe("Acme Health");
    expect(byName["ICU"]!.parent?.name).toBe("North Campus");
    expect(byName["South Campus"]!.parent?.name).toBe("Acme Health");
    expect(byName["ICU"]!.path.startsWith(byName["North Campus"]!.path)).toBe(true);
  });

  it("has the demo users with their Locations, emails, flags and permissions", async () => {
    const users = await db.user.findMany({
      include: { location: true, organization: true, grants: { include: { location: true } } },
      orderBy: { username: "asc" },
    });
    const summary = users.map((u) => ({
      username: u.username,
      name: u.name,
      org: u.organization.name,
      location: u.location.name,
      email: u.email,
      active: u.active,
      internal: u.isInternal,
      grants: u.grants.map((g) => (g.location ? `${g.permission}:${g.location.name}` : g.permission)).sort(),
    }));
    expect(summary).toEqual([
      { username: "dora", name: "Dora Departed", org: "Acme Health", location: "North Campus", email: "dora@acme.test", active: false, internal: false, grants: [] },
      { username: "gabe", name: "Gabe Globex", org: "Globex", location: "Globex", email: "gabe@globex.test", active: true, internal: false, grants: ["GLOBAL_USER_ADMIN", "IMPERSONATE_USER"] },
      { username: "gina", name: "Gina Global", org: "Acme Health", location: "Acme Health", email: "gina@acme.test", active: true, internal: false, grants: ["GLOBAL_USER_ADMIN", "IMPERSONATE_USER"] },
      { username: "jane", name: "Jane Doe", org: "Acme Health", location: "ICU", email: "jane@acme.test", active: true, internal: false, grants: [] },
      { username: "lena", name: "Lena Local", org: "Acme Health", location: "North Campus", email: "lena@acme.test", active: true, internal: false, grants: ["LOCAL_USER_ADMIN:North Campus"] },
      { username: "luis", name: "Luis Local", org: "Acme Health", location: "North Campus", email: "luis@acme.test", active: true, internal: false, grants: ["IMPERSONATE_USER", "LOCAL_USER_ADMIN:North Campus"] },
      { username: "nora", name: "Nora North", org: "Acme Health", location: "North Campus", email: "nora@acme.test", active: true, internal: false, grants: ["GLOBAL_USER_ADMIN"] },
      { username: "sam", name: "Sam South", org: "Acme Health", location: "South Campus", email: null, active: true, internal: false, grants: [] },
      { username: "sid", name: "Sid Support", org: "Acme Health", location: "Acme Health", email: "sid@vendor.test", active: true, internal: true, grants: ["GLOBAL_USER_ADMIN", "IMPERSONATE_USER"] },
    ]);
  });

  it("gives every demo user the demo password, hashed with Argon2id", async () => {
    const gina = await db.user.findUniqueOrThrow({ where: { username: "gina" } });
    expect(gina.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(gina.passwordHash, DEMO_PASSWORD)).toBe(true);
  });

  it("gives Jane the Board \"ICU Huddle\" and several Items, with their timeline events", async () => {
    const jane = await db.user.findUniqueOrThrow({ where: { username: "jane" }, include: { boards: true, assignedItems: true } });
    expect(jane.boards.map((b) => b.name)).toEqual(["ICU Huddle"]);
    expect(jane.assignedItems.length).toBeGreaterThanOrEqual(3);
    const itemEvents = await db.timelineEvent.count({ where: { scope: "ITEM", userId: jane.id, actorId: jane.id } });
    expect(itemEvents).toBe(jane.assignedItems.length);
  });
});
