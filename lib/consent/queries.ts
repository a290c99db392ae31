// Consent before access, the reads: a user's open grant and the requests waiting for their answer
// (their Account page), whether people have granted access (the Impersonate window), and an
// administrator's own requests (the Impersonations console). Each shown as it is now: a grant or a
// request past its end reads as ended whether or not the scheduler has recorded it.
import "server-only";
import type { RequestContext } from "@/lib/context/create";
import type { PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "accessGrant" | "accessRequest">;

/** Each user's open grant (at most one), by user id. */
export async function openGrants(db: Db, userIds: string[], now: Date): Promise<Map<string, { id: string; expiresAt: Date }>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.accessGrant.findMany({
    where: { userId: { in: userIds }, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, userId: true, expiresAt: true },
  });
  return new Map(rows.map((g) => [g.userId, { id: g.id, expiresAt: g.expiresAt }]));
}

/** The users among `userIds` whom `requesterId` has asked and who have not answered yet. */
export async function waitingRequests(db: Db, requesterId: string, userIds: string[], now: Date): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const rows = await db.accessRequest.findMany({
    where: { requesterId, userId: { in: userIds }, status: "PENDING", expiresAt: { gt: now } },
    select: { userId: true },
  });
  return new Set(rows.map((r) => r.userId));
}

/** The viewer's own consent: their open grant and the requests waiting for their answer. */
export async function myConsent(ctx: RequestContext) {
  const now = ctx.now();
  const [grant, requests] = await Promise.all([
    ctx.db.accessGrant.findFirst({
      where: { userId: ctx.viewer.id, revokedAt: null, expiresAt: { gt: now } },
      select: { id: true, createdAt: true, expiresAt: true },
    }),
    ctx.db.accessRequest.findMany({
      where: { userId: ctx.viewer.id, status: "PENDING", expiresAt: { gt: now } },
      orderBy: { createdAt: "desc" },
      select: { id: true, reason: true, createdAt: true, expiresAt: true, requester: { select: { name: true } } },
    }),
  ]);
  return { grant, requests };
}

export type RequestShownStatus = "waiting" | "granted" | "declined" | "expired";

/** The access requests the viewer made (newest first), each as it stands now (the console). */
export async function myAccessRequests(ctx: RequestContext, take = 20) {
  const now = ctx.now();
  const rows = await ctx.db.accessRequest.findMany({
    where: { organizationId: ctx.viewer.organizationId, requesterId: ctx.who.actorId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      reason: true,
      status: true,
      createdAt: true,
      expiresAt: true,
      respondedAt: true,
      user: { select: { id: true, name: true, username: true } },
      grant: { select: { expiresAt: true, revokedAt: true } },
    },
  });
  return rows.map((r) => ({
    ...r,
    shown: (r.status === "PENDING" ? (r.expiresAt <= now ? "expired" : "waiting") : r.status.toLowerCase()) as RequestShownStatus,
  }));
}
