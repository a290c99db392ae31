// Every request reads authority with one flat SQL query (lib/permissions/authority.ts). It must say
// exactly what the data model says: checked here against a plain Prisma read of the same users,
// their home Locations and their grants, for every demo user (including Location-scoped grants and
// people with none); and a sign-in is open only while it is neither revoked nor expired.
import { describe, expect, it } from "vitest";
import { openAuthSession, revokeAuthSession } from "@/lib/auth/sessions";
import { loadAuthorities, loadAuthority, loadSignedInAuthority } from "@/lib/permissions/authority";
import { createTestDatabase } from "../support/database";

const { db } = await createTestDatabase("demo");

describe("authority, read flat", () => {
  it("is what the data model says, for every user", async () => {
    const users = await db.user.findMany({
      select: {
        id: true,
        name: true,
        email: true,
        username: true,
        timeZone: true,
        organizationId: true,
        isInternal: true,
        active: true,
        location: { select: { path: true } },
        grants: { select: { permission: true, location: { select: { path: true } } } },
      },
    });
    expect(users.some((u) => u.grants.some((g) => g.location))).toBe(true); // a Location-scoped grant
    expect(users.some((u) => u.grants.length === 0)).toBe(true);
    expect(users.some((u) => u.grants.length > 1)).toBe(true);
    const loaded = await loadAuthorities(db, users.map((u) => u.id));
    expect(loaded.size).toBe(users.length);
    for (const u of users) {
      const authority = loaded.get(u.id)!;
      expect({ ...authority, grants: [...authority.grants].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) }).toEqual({
        userId: u.id,
        name: u.name,
        email: u.email,
        username: u.username,
        timeZone: u.timeZone,
        organizationId: u.organizationId,
        isInternal: u.isInternal,
        active: u.active,
        homePath: u.location.path,
        grants: u.grants
          .map((g) => ({ permission: g.permission, locationPath: g.location?.path ?? null }))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
      });
      expect(await loadAuthority(db, u.id)).toEqual(authority);
    }
    expect(await loadAuthority(db, "no-such-user")).toBeNull();
    expect(await loadAuthorities(db, [])).toEqual(new Map());
  });

  it("knows whether the sign-in is open: not when revoked, expired or someone else's", async () => {
    const [jane, gina] = await Promise.all(["jane", "gina"].map((username) => db.user.findUniqueOrThrow({ where: { username } })));
    const open = await openAuthSession(db, { userId: jane!.id, ip: null, maxAgeSeconds: 3600 });
    expect((await loadSignedInAuthority(db, jane!.id, open))?.sessionOpen).toBe(true);
    expect((await loadSignedInAuthority(db, gina!.id, open))?.sessionOpen).toBe(false); // not gina's
    expect((await loadSignedInAuthority(db, jane!.id, open, new Date(Date.now() + 3_601_000)))?.sessionOpen).toBe(false); // expired
    await revokeAuthSession(db, open, "sign-out");
    expect((await loadSignedInAuthority(db, jane!.id, open))?.sessionOpen).toBe(false);
    expect((await loadSignedInAuthority(db, jane!.id, open))?.authority).toEqual(await loadAuthority(db, jane!.id));
    expect(await loadSignedInAuthority(db, "no-such-user", open)).toBeNull();
  });
});
