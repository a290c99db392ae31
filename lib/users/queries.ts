// What User Management shows: people in the administrator's scope, and what may be done to each.
import "server-only";
import { LOCKOUT_FAILURES, LOCKOUT_WINDOW_MS, lockedUntil } from "@/lib/auth/credentials";
import type { RequestContext } from "@/lib/context";
import { impersonationOffers } from "@/lib/impersonation/queries";
import { loadAuthorities, loadAuthority } from "@/lib/permissions/authority";
import { canManageUser } from "@/lib/permissions/policy";
import { listPeople, type PeopleQuery } from "@/lib/people/queries";

/** A page of the people the administrator's scope covers, with who may be managed and impersonated. */
export async function listManagedPeople(ctx: RequestContext, query: PeopleQuery) {
  const page = await listPeople(ctx, { ...query, includeInactive: true, withinPaths: ctx.scope.adminPaths });
  const ids = page.rows.map((r) => r.id);
  const authorities = await loadAuthorities(ctx.db, ids);
  return {
    ...page,
    manageable: new Set(ids.filter((id) => canManageUser(ctx.authority, authorities.get(id)!).ok)),
    impersonatable: await impersonationOffers(ctx, page.rows, authorities),
  };
}

/** One user the administrator may manage, with their authority; null for anyone else (a 404). */
export async function findManagedUser(ctx: RequestContext, userId: string) {
  const target = await loadAuthority(ctx.db, userId);
  if (!target || !canManageUser(ctx.authority, target).ok) return null;
  const user = await ctx.db.user.findFirst({
    where: { id: userId, organizationId: ctx.viewer.organizationId },
    select: {
      id: true,
      username: true,
      name: true,
      email: true,
      active: true,
      isInternal: true,
      locationId: true,
      grants: { select: { id: true, permission: true, location: { select: { name: true, path: true } } }, orderBy: { createdAt: "asc" } },
    },
  });
  return user ? { user, target } : null;
}

/** The users in the administrator's scope whose sign-in is locked out now, and until when. */
export async function listLockouts(ctx: RequestContext) {
  const since = new Date(ctx.now().getTime() - 2 * LOCKOUT_WINDOW_MS);
  const candidates = await ctx.db.signInAttempt.groupBy({
    by: ["username"],
    where: { succeeded: false, refused: false, clearedAt: null, createdAt: { gt: since } },
    having: { username: { _count: { gte: LOCKOUT_FAILURES } } },
  });
  if (candidates.length === 0) return [];
  const users = await ctx.db.user.findMany({
    where: {
      organizationId: ctx.viewer.organizationId,
      username: { in: candidates.map((c) => c.username) },
      ...(ctx.scope.adminPaths ? { OR: ctx.scope.adminPaths.map((path) => ({ location: { path: { startsWith: path } } })) } : {}),
    },
    select: { id: true, name: true, username: true },
    orderBy: { name: "asc" },
  });
  const locked = await Promise.all(users.map(async (u) => ({ ...u, until: await lockedUntil(ctx.db, u.username, ctx.now()) })));
  return locked.filter((u): u is typeof u & { until: Date } => u.until !== null);
}

/** When this user's sign-in is locked out until, or null. */
export function lockoutOf(ctx: RequestContext, username: string) {
  return lockedUntil(ctx.db, username, ctx.now());
}
