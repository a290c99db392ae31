// "Account access": what a user can see of the impersonations of their own account — who, when,
// why, how they ended, and everything done as them during each. Their own account only.
import "server-only";
import type { RequestContext } from "@/lib/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eventsDuring, sessionSelect, settle } from "@/lib/impersonation/queries";
import { NOT_A_CHANGE } from "@/lib/impersonation/service";

/** The console's view of an impersonation, and how many changes were made during it. */
const mineSelect = {
  ...sessionSelect,
  _count: { select: { events: { where: NOT_A_CHANGE } } },
} satisfies Prisma.ImpersonationSessionSelect;

/** Every impersonation of the viewer's account, newest first (what has run out settled first). */
export async function listMyImpersonations(ctx: RequestContext, take = 200) {
  await settle(ctx);
  return ctx.db.impersonationSession.findMany({
    where: { organizationId: ctx.viewer.organizationId, targetId: ctx.viewer.id },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take,
    select: mineSelect,
  });
}

/** One impersonation of the viewer's account and everything done during it; null if not theirs. */
export async function getMyImpersonation(ctx: RequestContext, id: string) {
  await settle(ctx);
  const session = await ctx.db.impersonationSession.findFirst({
    where: { id, organizationId: ctx.viewer.organizationId, targetId: ctx.viewer.id },
    select: mineSelect,
  });
  if (!session) return null;
  return { session, events: await eventsDuring(ctx, id) };
}
