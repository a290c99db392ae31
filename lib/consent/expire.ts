// The scheduler's part of consent before access: recording, once each, the grants that ran out and
// the requests that expired unanswered (the Admin Timeline and the user's Account access say so).
// Reads never need this: they show a grant or request past its end as ended already. Impersonations
// running under a grant that ran out are ended by the scheduler's own catch-up (lib/impersonation/end.ts).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { transact } from "@/lib/mutation";

const BATCH = 500;

export async function recordConsentExpiries(db: PrismaClient, now = new Date()): Promise<{ grants: number; requests: number }> {
  let grants = 0;
  let requests = 0;
  const ranOut = await db.accessGrant.findMany({
    where: { revokedAt: null, expiryRecordedAt: null, expiresAt: { lte: now } },
    orderBy: { expiresAt: "asc" },
    take: BATCH,
    select: { id: true, organizationId: true, userId: true, expiresAt: true },
  });
  for (const grant of ranOut) {
    const as = { organizationId: grant.organizationId, userId: grant.userId, actorId: grant.userId };
    await transact(
      db,
      async ({ tx, record }) => {
        // Once, however many instances run this at the same time.
        const { count } = await tx.accessGrant.updateMany({
          where: { id: grant.id, expiryRecordedAt: null, revokedAt: null },
          data: { expiryRecordedAt: now },
        });
        if (count === 0) return;
        await record({ type: "consent.expired", subjectUserId: grant.userId, details: { grantId: grant.id, expiresAt: grant.expiresAt.toISOString() } });
        grants++;
      },
      { as },
    );
  }
  const unanswered = await db.accessRequest.findMany({
    where: { status: "PENDING", expiresAt: { lte: now } },
    orderBy: { expiresAt: "asc" },
    take: BATCH,
    select: { id: true, organizationId: true, userId: true, requesterId: true, requester: { select: { name: true } } },
  });
  for (const request of unanswered) {
    // The request was the administrator's: its expiry is recorded as theirs, about the user.
    const as = { organizationId: request.organizationId, userId: request.requesterId, actorId: request.requesterId };
    await transact(
      db,
      async ({ tx, record }) => {
        const { count } = await tx.accessRequest.updateMany({ where: { id: request.id, status: "PENDING" }, data: { status: "EXPIRED", respondedAt: now } });
        if (count === 0) return;
        await record({ type: "consent.request_expired", subjectUserId: request.userId, details: { requestId: request.id, requester: request.requester.name } });
        requests++;
      },
      { as },
    );
  }
  return { grants, requests };
}
