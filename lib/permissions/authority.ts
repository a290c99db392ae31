// What users hold, read fresh from the database (permissions may change at any time), in one query
// each (relation joins).
export const authoritySelect = {
  id: true,
  name: true,
  email: true,
  organizationId: true,
  isInternal: true,
  active: true,
  location: { select: { path: true } },
  grants: { select: { permission: true, location: { select: { path: true } } } },
} as const;
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Authority } from "./policy";

type Db = Pick<PrismaClient, "user">;

const select = authoritySelect;

type Row = {
  id: string;
  name: string;
  email: string | null;
  organizationId: string;
  isInternal: boolean;
  active: boolean;
  location: { path: string };
  grants: { permission: Authority["grants"][number]["permission"]; location: { path: string } | null }[];
};

/** A user's authority, with the profile fields a session refreshes from the same row. */
export type UserAuthority = Authority & { name: string; email: string | null };

export function toAuthority(row: Row): UserAuthority {
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    organizationId: row.organizationId,
    homePath: row.location.path,
    isInternal: row.isInternal,
    active: row.active,
    grants: row.grants.map((g) => ({ permission: g.permission, locationPath: g.location?.path ?? null })),
  };
}

export async function loadAuthority(db: Db, userId: string): Promise<UserAuthority | null> {
  const row = await db.user.findUnique({ where: { id: userId }, select });
  return row ? toAuthority(row) : null;
}

/**
 * A signed-in user's authority, and whether their sign-in `sessionId` is still open (not revoked,
 * not expired): one query.
 */
export async function loadSignedInAuthority(
  db: Db,
  userId: string,
  sessionId: string,
  now = new Date(),
): Promise<{ authority: UserAuthority; sessionOpen: boolean } | null> {
  const row = await db.user.findUnique({
    where: { id: userId },
    select: { ...select, authSessions: { where: { id: sessionId, revokedAt: null, expiresAt: { gt: now } }, select: { id: true } } },
  });
  return row ? { authority: toAuthority(row), sessionOpen: row.authSessions.length > 0 } : null;
}

export async function loadAuthorities(db: Db, userIds: string[]): Promise<Map<string, UserAuthority>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: userIds } }, select });
  return new Map(rows.map((r) => [r.id, toAuthority(r)]));
}
