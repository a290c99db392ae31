// Sending the audit streams' queued messages: at least once, in order per endpoint, across any
// number of instances. A sender claims an endpoint (FOR UPDATE SKIP LOCKED, then a lease), and
// sends its stream's head, then the next, until one fails or nothing is due: a failed message is
// retried with backoff (30 s doubling to an hour) and nothing after it goes first. Every attempt
// is kept (status, time, the answer's first 1 KB). An endpoint failing for 24 hours is disabled,
// its messages kept in order for when it is resumed, and the organization's Global User
// Administrators are emailed. Started by the scheduler (lib/jobs/scheduler.ts) and right after a
// change that queued something.
import "server-only";
import { backoffMs, enqueueEmail } from "@/lib/email/outbox";
import { templated } from "@/lib/email/render";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { deliver, DELIVERY_TIMEOUT_MS, type EndpointRules } from "./http";
import { signedHeaders } from "./sign";

export const FAILING_DISABLES_AFTER_MS = 24 * 60 * 60 * 1000;
/** A sender's hold on an endpoint, renewed before each message: far longer than one send can take. */
const LEASE_MS = 2 * 60_000;
const ENDPOINTS_PER_RUN = 20;
const MESSAGES_PER_ENDPOINT = 200;

/** The rules for where streams may deliver, from the environment (lib/env.ts). */
export function streamRules(config: { NODE_ENV?: string; AUDIT_STREAM_ALLOW_PRIVATE?: string }): EndpointRules {
  const allowPrivate = config.AUDIT_STREAM_ALLOW_PRIVATE === "1" || config.AUDIT_STREAM_ALLOW_PRIVATE === "true" || config.NODE_ENV === "development";
  return { allowPrivate, httpsOnly: config.NODE_ENV === "production" && !allowPrivate };
}

type Claimed = { id: string; organizationId: string; url: string; secret: string; previousSecret: string | null; previousSecretUntil: Date | null; lockedUntil: Date };

/** `now`: the clock of what is due, failing and rotated (tests move it); leases run on the real one. */
export type DrainOptions = { rules: EndpointRules; appName: string; now?: () => Date; shouldStop?: () => boolean; timeoutMs?: number };

/** Claims endpoints with messages waiting and sends their streams in order. What was sent and what failed. */
export async function drainAuditStreams(db: PrismaClient, options: DrainOptions): Promise<{ delivered: number; failed: number; disabled: number }> {
  const now = options.now ?? (() => new Date());
  const totals = { delivered: 0, failed: 0, disabled: 0 };
  const claimed = await db.$queryRaw<Claimed[]>`
    UPDATE "AuditStreamEndpoint" e SET "lockedUntil" = ${new Date(Date.now() + LEASE_MS)}
     WHERE e.id IN (
       SELECT x.id FROM "AuditStreamEndpoint" x
        WHERE x.status = 'ACTIVE' AND (x."lockedUntil" IS NULL OR x."lockedUntil" <= ${new Date()})
          AND EXISTS (SELECT 1 FROM "AuditDelivery" d WHERE d."endpointId" = x.id AND d.status = 'PENDING' AND d."nextAttemptAt" <= ${now()})
        ORDER BY x.id
        LIMIT ${ENDPOINTS_PER_RUN}
        FOR UPDATE SKIP LOCKED)
    RETURNING e.id, e."organizationId", e.url, e.secret, e."previousSecret", e."previousSecretUntil", e."lockedUntil"`;
  for (const endpoint of claimed) {
    try {
      await sendStream(db, endpoint, options, now, totals);
    } finally {
      // Released only if still ours (a lease that ran out may have passed to another sender).
      await db.auditStreamEndpoint.updateMany({ where: { id: endpoint.id, lockedUntil: endpoint.lockedUntil }, data: { lockedUntil: null } });
    }
  }
  return totals;
}

async function sendStream(db: PrismaClient, endpoint: Claimed, options: DrainOptions, now: () => Date, totals: { delivered: number; failed: number; disabled: number }) {
  for (let sent = 0; sent < MESSAGES_PER_ENDPOINT && !options.shouldStop?.(); sent++) {
    // Renew the lease before each message, so no other sender can take the endpoint while one is in
    // flight (a send takes at most DELIVERY_TIMEOUT_MS, far less than the lease).
    const renewed = new Date(Date.now() + LEASE_MS);
    const { count } = await db.auditStreamEndpoint.updateMany({ where: { id: endpoint.id, lockedUntil: endpoint.lockedUntil }, data: { lockedUntil: renewed } });
    if (count === 0) return;
    endpoint.lockedUntil = renewed;
    const head = await db.auditDelivery.findFirst({
      where: { endpointId: endpoint.id, status: "PENDING" },
      orderBy: { sequence: "asc" },
      select: { id: true, messageId: true, body: true, attempts: true, nextAttemptAt: true },
    });
    // Nothing waiting, or the head is waiting for its retry: nothing after it may go first.
    if (!head || head.nextAttemptAt > now()) return;
    const secrets = [endpoint.secret, ...(endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now() ? [endpoint.previousSecret] : [])];
    const startedAt = new Date();
    // Signed at the moment it is sent (receivers refuse a timestamp far from their clock).
    const headers = signedHeaders(secrets, head.messageId, startedAt, head.body);
    const outcome = await deliver(endpoint.url, head.body, headers, options.rules, options.timeoutMs ?? DELIVERY_TIMEOUT_MS);
    const finishedAt = new Date();
    const number = head.attempts + 1;
    const result = await db.$transaction(async (tx): Promise<"lost" | "delivered" | "failed"> => {
      // Still ours? A sender whose lease ran out writes nothing (the next holder sends it again: at least once).
      const [mine] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM "AuditStreamEndpoint" WHERE id = ${endpoint.id} AND "lockedUntil" = ${endpoint.lockedUntil} FOR UPDATE`;
      if (!mine) return "lost";
      await tx.auditDeliveryAttempt.create({
        data: { deliveryId: head.id, number, startedAt, finishedAt, httpStatus: outcome.status, error: outcome.error?.slice(0, 500) ?? null, excerpt: outcome.excerpt || null },
      });
      if (outcome.ok) {
        await tx.auditDelivery.update({ where: { id: head.id }, data: { status: "DELIVERED", attempts: number, deliveredAt: finishedAt } });
        await tx.auditStreamEndpoint.update({ where: { id: endpoint.id }, data: { failingSince: null } });
        return "delivered";
      }
      await tx.auditDelivery.update({ where: { id: head.id }, data: { attempts: number, nextAttemptAt: new Date(now().getTime() + backoffMs(number)) } });
      const { failingSince: since } = await tx.auditStreamEndpoint.findUniqueOrThrow({ where: { id: endpoint.id }, select: { failingSince: true } });
      const failingSince = since ?? now();
      if (!since) await tx.auditStreamEndpoint.update({ where: { id: endpoint.id }, data: { failingSince } });
      if (now().getTime() - failingSince.getTime() >= FAILING_DISABLES_AFTER_MS) {
        await tx.auditStreamEndpoint.update({ where: { id: endpoint.id }, data: { status: "DISABLED", disabledAt: now() } });
        const waiting = await tx.auditDelivery.count({ where: { endpointId: endpoint.id, status: "PENDING" } });
        const admins = await tx.user.findMany({
          where: { organizationId: endpoint.organizationId, active: true, email: { not: null }, grants: { some: { permission: "GLOBAL_USER_ADMIN" } } },
          select: { id: true, name: true, email: true },
        });
        for (const admin of admins) {
          await enqueueEmail(tx, {
            ...templated("audit-stream-disabled", {
              appName: options.appName,
              adminName: admin.name,
              endpoint: endpoint.url,
              lastError: outcome.error ?? "no answer",
              waiting,
              streamingPath: "/admin/streaming",
            }),
            organizationId: endpoint.organizationId,
            kind: "audit-stream-disabled",
            to: admin.email!,
            idempotencyKey: `audit-stream-disabled/${endpoint.id}/${failingSince.toISOString()}/${admin.id}`,
          });
        }
        totals.disabled++;
      }
      return "failed";
    });
    if (result !== "delivered") {
      if (result === "failed") totals.failed++;
      return;
    }
    totals.delivered++;
  }
}
