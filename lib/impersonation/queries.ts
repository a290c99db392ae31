// Reading impersonations for the Admin pages, scoped to the viewer's organization (and, for a Local
// User Administrator, to targets in their Locations).
import "server-only";
import type { RequestContext } from "@/lib/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eventSelect } from "@/lib/history/queries";
import { loadAuthorities } from "@/lib/permissions/authority";
import type { Authority } from "@/lib/permissions/policy";
import { canImpersonate } from "./policy";

const sessionSelect = {
  id: true,
  status: true,
  reason: true,
  startedAt: true,
  lastActivityAt: true,
  idleTimeoutSeconds: true,
  absoluteExpiresAt: true,
  endedAt: true,
  endReason: true,
  actor: { select: { id: true, name: true, username: true } },
  target: { select: { id: true, name: true, username: true } },
  endedBy: { select: { id: true, name: true } },
} satisfies Prisma.ImpersonationSessionSelect;

export type ImpersonationRow = Prisma.ImpersonationSessionGetPayload<{ select: typeof sessionSelect }>;

function visible({ viewer, scope }: Pick<RequestContext, "viewer" | "scope">): Prisma.ImpersonationSessionWhereInput {
  const paths = scope.adminPaths;
  return {
    organizationId: viewer.organizationId,
    ...(paths ? { target: { OR: paths.map((path) => ({ location: { path: { startsWith: path } } })) } } : {}),
  };
}

export async function listImpersonations(ctx: RequestContext, take = 100) {
  return ctx.db.impersonationSession.findMany({
    where: visible(ctx),
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take,
    select: sessionSelect,
  });
}

/** One impersonation and everything done during it. */
export async function getImpersonation(ctx: RequestContext, id: string) {
  const session = await ctx.db.impersonationSession.findFirst({ where: { id, ...visible(ctx) }, select: sessionSelect });
  if (!session) return null;
  const events = await ctx.db.timelineEvent.findMany({
    where: { impersonationSessionId: id },
    orderBy: { id: "asc" },
    select: eventSelect,
  });
  return { session, events };
}

/** Which of these people the viewer may impersonate: the rows that show the Impersonate icon. */
export async function impersonatableIds(
  ctx: RequestContext,
  userIds: string[],
  loaded?: Map<string, Authority>,
): Promise<Set<string>> {
  if (ctx.impersonation || userIds.length === 0) return new Set(); // no chains
  const targets = loaded ?? (await loadAuthorities(ctx.db, userIds));
  return new Set(userIds.filter((id) => canImpersonate(ctx.authority, targets.get(id)!, { actorIsImpersonating: false }).ok));
}
