import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Authority } from "./policy";

type Db = Pick<PrismaClient, "user">;

const select = {
  id: true,
  organizationId: true,
  isInternal: true,
  active: true,
  location: { select: { path: true } },
  grants: { select: { permission: true, location: { select: { path: true } } } },
} as const;

type Row = {
  id: string;
  organizationId: string;
  isInternal: boolean;
  active: boolean;
  location: { path: string };
  grants: { permission: Authority["grants"][number]["permission"]; location: { path: string } | null }[];
};

function toAuthority(row: Row): Authority {
  return {
    userId: row.id,
    organizationId: row.organizationId,
    homePath: row.location.path,
    isInternal: row.isInternal,
    active: row.active,
    grants: row.grants.map((g) => ({ permission: g.permission, locationPath: g.location?.path ?? null })),
  };
}

/** What a user holds, read fresh from the database (permissions may have changed since sign-in). */
export async function loadAuthority(db: Db, userId: string): Promise<Authority | null> {
  const row = await db.user.findUnique({ where: { id: userId }, select });
  return row ? toAuthority(row) : null;
}

export async function loadAuthorities(db: Db, userIds: string[]): Promise<Map<string, Authority>> {
  const rows = await db.user.findMany({ where: { id: { in: userIds } }, select });
  return new Map(rows.map((r) => [r.id, toAuthority(r)]));
}
