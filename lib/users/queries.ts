// What User Management shows: people in the administrator's scope, and what may be done to each.
import "server-only";
import type { RequestContext } from "@/lib/context";
import { impersonatableIds } from "@/lib/impersonation/queries";
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
    impersonatable: await impersonatableIds(ctx, ids, authorities),
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
