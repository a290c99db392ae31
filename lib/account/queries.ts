// "Account access": what a user can see of the impersonations of their own account — who, when,
// why, how they ended, and everything done as them during each. Their own account only.
import "server-only";
import type { RequestContext } from "@/lib/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eventSelect } from "@/lib/history/queries";
import { sweepStaleImpersonations } from "@/lib/impersonation/service";

const mineSelect = {
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
  _count: { select: { events: { where: { NOT: [{ type: { startsWith: "impersonation." } }, { type: "access.refused" }] } } } },
} satisfies Prisma.ImpersonationSessionSelect;

/** Every impersonation of the viewer's account, newest first (what has run out settled first). */
export async function listMyImpersonations(ctx: RequestContext, take = 200) {
  await sweepStaleImpersonations(ctx.db, ctx.now(), { organizationId: ctx.viewer.organizationId });
  return ctx.db.impersonationSession.findMany({
    where: { organizationId: ctx.viewer.organizationId, targetId: ctx.viewer.id },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take,
    select: mineSelect,
  });
}

/** One impersonation of the viewer's account and everything done during it; null if not theirs. */
export async function getMyImpersonation(ctx: RequestContext, id: string) {
  await sweepStaleImpersonations(ctx.db, ctx.now(), { organizationId: ctx.viewer.organizationId });
  const session = await ctx.db.impersonationSession.findFirst({
    where: { id, organizationId: ctx.viewer.organizationId, targetId: ctx.viewer.id },
    select: mineSelect,
  });
  if (!session) return null;
  const events = await ctx.db.timelineEvent.findMany({ where: { impersonationSessionId: id }, orderBy: { id: "asc" }, select: eventSelect });
  return { session, events };
}
