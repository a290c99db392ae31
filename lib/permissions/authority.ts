// What users hold, read fresh from the database (permissions may change at any time). Every request
// reads it — the signed-in user's, and during an impersonation the actor's and the target's too — so
// it is one flat SQL query (a row per grant, the Location paths joined in), folded into authorities
// here: cheaper for PostgreSQL than nested JSON and the same shape for every reader.
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { Permission } from "@/lib/generated/prisma/enums";
import type { Authority } from "./policy";

type Db = Pick<PrismaClient, "$queryRaw">;

/** A user's authority, with the profile fields a session refreshes from the same row. */
export type UserAuthority = Authority & { name: string; email: string | null; username: string; timeZone: string | null };

/** One row per grant of a user (one with null grant columns when they hold none). */
export type AuthorityRow = {
  id: string;
  name: string;
  email: string | null;
  username: string;
  timeZone: string | null;
  organizationId: string;
  isInternal: boolean;
  active: boolean;
  homePath: string;
  permission: Permission | null;
  grantPath: string | null;
};

/** The columns of an AuthorityRow, for a query over `"User" u` joined with AUTHORITY_JOINS. */
export const AUTHORITY_COLUMNS = Prisma.sql`u.id, u.name, u.email, u.username, u."timeZone", u."organizationId", u."isInternal", u.active,
  home.path AS "homePath", g.permission::text AS permission, grant_location.path AS "grantPath"`;
export const AUTHORITY_JOINS = Prisma.sql`JOIN "Location" home ON home.id = u."locationId"
  LEFT JOIN "PermissionGrant" g ON g."userId" = u.id
  LEFT JOIN "Location" grant_location ON grant_location.id = g."locationId"`;

/** Folds AuthorityRows into one authority per user (grants in a stable order). */
export function authoritiesFromRows(rows: AuthorityRow[]): Map<string, UserAuthority> {
  const byUser = new Map<string, UserAuthority>();
  for (const row of rows) {
    let authority = byUser.get(row.id);
    if (!authority) {
      authority = {
        userId: row.id,
        name: row.name,
        email: row.email,
        username: row.username,
        timeZone: row.timeZone,
        organizationId: row.organizationId,
        homePath: row.homePath,
        isInternal: row.isInternal,
        active: row.active,
        grants: [],
      };
      byUser.set(row.id, authority);
    }
    if (row.permission) authority.grants.push({ permission: row.permission, locationPath: row.grantPath });
  }
  for (const authority of byUser.values()) {
    authority.grants.sort((a, b) => a.permission.localeCompare(b.permission) || (a.locationPath ?? "").localeCompare(b.locationPath ?? ""));
  }
  return byUser;
}

export async function loadAuthorities(db: Db, userIds: string[]): Promise<Map<string, UserAuthority>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.$queryRaw<AuthorityRow[]>`
    SELECT ${AUTHORITY_COLUMNS} FROM "User" u ${AUTHORITY_JOINS} WHERE u.id IN (${Prisma.join(userIds)})`;
  return authoritiesFromRows(rows);
}

export async function loadAuthority(db: Db, userId: string): Promise<UserAuthority | null> {
  return (await loadAuthorities(db, [userId])).get(userId) ?? null;
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
  const rows = await db.$queryRaw<(AuthorityRow & { sessionOpen: boolean })[]>`
    SELECT ${AUTHORITY_COLUMNS},
           EXISTS (SELECT 1 FROM "AuthSession" a
                    WHERE a.id = ${sessionId} AND a."userId" = u.id AND a."revokedAt" IS NULL
                      AND a."expiresAt" > ${now.toISOString()}::timestamp(3)) AS "sessionOpen"
      FROM "User" u ${AUTHORITY_JOINS}
     WHERE u.id = ${userId}`;
  const authority = authoritiesFromRows(rows).get(userId);
  return authority ? { authority, sessionOpen: rows[0]!.sessionOpen } : null;
}
