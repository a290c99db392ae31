// Reading the organization's audit streams (Admin → Audit streaming): its endpoints, each with what
// waits and how the last attempt went, and an endpoint's deliveries with every attempt. Secrets are
// never read here: a page shows a secret only once, from the change that made it.
import "server-only";
import type { RequestContext } from "@/lib/context/create";

export async function listEndpoints(ctx: RequestContext) {
  const endpoints = await ctx.db.auditStreamEndpoint.findMany({
    where: { organizationId: ctx.viewer.organizationId },
    orderBy: { createdAt: "asc" },
    select: { id: true, url: true, scope: true, status: true, createdAt: true, failingSince: true, disabledAt: true, previousSecretUntil: true },
  });
  const waiting = await ctx.db.auditDelivery.groupBy({
    by: ["endpointId"],
    where: { endpointId: { in: endpoints.map((e) => e.id) }, status: "PENDING" },
    _count: { _all: true },
  });
  const counts = new Map(waiting.map((w) => [w.endpointId, w._count._all]));
  const now = ctx.now();
  return endpoints.map((e) => ({ ...e, waiting: counts.get(e.id) ?? 0, rotating: e.previousSecretUntil !== null && e.previousSecretUntil > now }));
}

/** One endpoint of the viewer's organization and its latest deliveries (newest first), each with its attempts. */
export async function endpointDeliveries(ctx: RequestContext, id: string, take = 50) {
  const endpoint = await ctx.db.auditStreamEndpoint.findFirst({
    where: { id, organizationId: ctx.viewer.organizationId },
    select: { id: true, url: true, scope: true, status: true },
  });
  if (!endpoint) return null;
  const deliveries = await ctx.db.auditDelivery.findMany({
    where: { endpointId: id },
    orderBy: { sequence: "desc" },
    take,
    select: {
      id: true,
      messageId: true,
      type: true,
      status: true,
      attempts: true,
      createdAt: true,
      nextAttemptAt: true,
      deliveredAt: true,
      attemptsMade: { orderBy: { number: "desc" }, take: 5, select: { number: true, startedAt: true, httpStatus: true, error: true, excerpt: true } },
    },
  });
  return { endpoint, deliveries };
}
