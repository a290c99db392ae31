// Queuing an event for the audit streams that take it, in the transaction that records the event
// (the outbox pattern: an event and its messages commit together or not at all). Called by
// lib/mutation's one write path for history. Not server-only: the seed writes through it too.
import type { Prisma } from "@/lib/generated/prisma/client";
import { payloadOf, receives, type StreamedEvent } from "./payload";

/** The webhook-id of an event's message: the same for every endpoint, every retry and a replay. */
export const messageIdOf = (eventId: bigint) => `msg_${eventId}`;

export async function queueForStreams(tx: Prisma.TransactionClient, event: StreamedEvent): Promise<number> {
  // Paused endpoints keep their place in the stream; disabled ones take nothing until resumed.
  const endpoints = await tx.auditStreamEndpoint.findMany({
    where: { organizationId: event.organizationId, status: { in: ["ACTIVE", "PAUSED"] } },
    select: { id: true, scope: true },
  });
  const takers = endpoints.filter((e) => receives(e.scope, event));
  if (takers.length === 0) return 0;
  const payload = payloadOf(event);
  if (!payload) return 0;
  const body = JSON.stringify(payload);
  await tx.auditDelivery.createMany({
    data: takers.map((e) => ({ endpointId: e.id, messageId: messageIdOf(event.id), eventId: event.id, type: payload.type, body })),
  });
  return takers.length;
}
