// The one policy module for "may X do Y to Z" about users and permissions. Pure functions over
// data loaded by loadAuthority(): the UI asks them what to show, the Server Actions what to allow,
// and the tests drive them with tables. Locations are compared by materialized path ("/a/b/"), so
// "that Location or any below it" is a prefix test.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Permission } from "@/lib/generated/prisma/enums";

export type GrantRef = { permission: Permission; locationPath: string | null };

/** What one user holds, with the Location paths of their grants and home. */
export type Authority = {
  userId: string;
  organizationId: string;
  homePath: string;
  isInternal: boolean;
  active: boolean;
  grants: GrantRef[];
};

const isGlobalAdmin = (a: Authority) => a.grants.some((g) => g.permission === "GLOBAL_USER_ADMIN");

/** A Global User Administrator: the whole organization is theirs to administer (and its settings). */
export const isGlobalUserAdmin = isGlobalAdmin;

/** Paths of the Locations this user administers as a Local User Administrator. */
const localAdminPaths = (a: Authority) =>
  a.grants.filter((g) => g.permission === "LOCAL_USER_ADMIN" && g.locationPath).map((g) => g.locationPath!);

export const isUserAdmin = (a: Authority) => isGlobalAdmin(a) || localAdminPaths(a).length > 0;

/** What an administrator's admin pages cover: null for the whole organization, else these Locations. */
export const adminPaths = (a: Authority): string[] | null => (isGlobalAdmin(a) ? null : localAdminPaths(a));

export const holdsImpersonate = (a: Authority) => a.grants.some((g) => g.permission === "IMPERSONATE_USER");

/** Is `path` that Location or one below it, for one of `roots`? */
const withinAny = (path: string, roots: string[]) => roots.some((root) => path.startsWith(root));

/** May the administrator manage users whose home Location is at `locationPath`? */
export function administersLocation(admin: Authority, locationPath: string): boolean {
  if (!admin.active) return false;
  return isGlobalAdmin(admin) || withinAny(locationPath, localAdminPaths(admin));
}

/**
 * Is `grant` covered by what `holder` holds? Global User Administrator covers every Local User
 * Administrator grant; Local User Administrator for a Location covers grants for that Location and
 * those below it; Impersonate User is covered only by itself. This is the "you cannot grant what
 * you do not hold" rule, and the escalation guard of impersonation.
 */
export function coversGrant(holder: Authority, grant: GrantRef): boolean {
  switch (grant.permission) {
    case "GLOBAL_USER_ADMIN":
      return isGlobalAdmin(holder);
    case "IMPERSONATE_USER":
      return holdsImpersonate(holder);
    case "LOCAL_USER_ADMIN":
      return isGlobalAdmin(holder) || (grant.locationPath !== null && withinAny(grant.locationPath, localAdminPaths(holder)));
  }
}

export type ManageDenial = "not-admin" | "other-organization" | "outside-scope" | "self";

/** May `admin` manage (edit, deactivate, reactivate) `target`? */
export function canManageUser(admin: Authority, target: Authority): { ok: true } | { ok: false; reason: ManageDenial } {
  if (!isUserAdmin(admin) || !admin.active) return { ok: false, reason: "not-admin" };
  if (admin.organizationId !== target.organizationId) return { ok: false, reason: "other-organization" };
  if (!administersLocation(admin, target.homePath)) return { ok: false, reason: "outside-scope" };
  // A target holding more than the admin may not be managed by them (a Local User Administrator
  // cannot deactivate or edit a Global one).
  if (!target.grants.every((g) => coversGrant(admin, g))) return { ok: false, reason: "outside-scope" };
  return { ok: true };
}

/**
 * canManageUser as a query: the users `admin` may manage, clause for clause, so that lists of them
 * (or of what was done to them) filter and page in the database. Kept beside the function it
 * mirrors; tests/integration/console-scope.test.ts holds the two equal (every demo pair, and
 * generated homes and grants).
 */
export function manageableUsers(admin: Authority): Prisma.UserWhereInput {
  if (!isUserAdmin(admin) || !admin.active) return { id: { in: [] } };
  const global = isGlobalAdmin(admin);
  const withinPaths: Prisma.LocationWhereInput = { OR: localAdminPaths(admin).map((path) => ({ path: { startsWith: path } })) };
  // The grants coversGrant() says the admin's own do not cover; the target may hold none of them.
  const uncovered: Prisma.PermissionGrantWhereInput[] = [];
  if (!global) {
    uncovered.push({ permission: "GLOBAL_USER_ADMIN" });
    uncovered.push({ permission: "LOCAL_USER_ADMIN", OR: [{ locationId: null }, { location: { is: { NOT: withinPaths } } }] });
  }
  if (!holdsImpersonate(admin)) uncovered.push({ permission: "IMPERSONATE_USER" });
  return {
    organizationId: admin.organizationId,
    ...(global ? {} : { location: withinPaths }),
    ...(uncovered.length ? { grants: { none: { OR: uncovered } } } : {}),
  };
}

/** May `admin` give or take away `grant` for `target`? (You cannot grant what you do not hold.) */
export function canChangeGrant(admin: Authority, target: Authority, grant: GrantRef) {
  const manage = canManageUser(admin, target);
  if (!manage.ok) return manage;
  if (!coversGrant(admin, grant)) return { ok: false as const, reason: "not-covered" as const };
  return { ok: true as const };
}
