// "Account access": what a user can see of the impersonations of their own account — who, when,
// why, how they ended, and everything done as them during each — and of the access they granted,
// revoked or were asked for (consent before access). Their own account only.
import "server-only";
import type { RequestContext } from "@/lib/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NOT_A_CHANGE } from "@/lib/impersonation/lifecycle";
import { eventsDuring, sessionSelect, shownAsOf } from "@/lib/impersonation/queries";
import { eventSelect } from "@/lib/timeline/queries";

/** The console's view of an impersonation, and how many changes were made during it. */
const mineSelect = {
  ...sessionSelect,
  _count: { select: { events: { where: NOT_A_CHANGE } } },
} satisfies Prisma.ImpersonationSessionSelect;

/** Every impersonation of the viewer's account, newest first, as it truly is now. */
export async function listMyImpersonations(ctx: RequestContext, take = 200) {
  const rows = await ctx.db.impersonationSession.findMany({
    where: { organizationId: ctx.viewer.organizationId, targetId: ctx.viewer.id },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take,
    select: mineSelect,
  });
  return shownAsOf(ctx, rows);
}

/** One impersonation of the viewer's account and everything done during it; null if not theirs. */
export async function getMyImpersonation(ctx: RequestContext, id: string) {
  const session = await ctx.db.impersonationSession.findFirst({
    where: { id, organizationId: ctx.viewer.organizationId, targetId: ctx.viewer.id },
    select: mineSelect,
  });
  if (!session) return null;
  return { session: shownAsOf(ctx, [session])[0]!, events: await eventsDuring(ctx, id) };
}

/** Every grant, revocation, request, refusal and expiry of access to the viewer's account, newest first. */
export function listMyConsentEvents(ctx: RequestContext, take = 50) {
  return ctx.db.timelineEvent.findMany({
    where: { organizationId: ctx.viewer.organizationId, subjectUserId: ctx.viewer.id, scope: "ADMIN", type: { startsWith: "consent." } },
    orderBy: { id: "desc" },
    take,
    select: eventSelect,
  });
}
