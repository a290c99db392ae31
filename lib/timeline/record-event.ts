// The one write path for history. Called inside the mutation's transaction so an event exists if
// and only if its change does. The table is append-only: nothing in the app updates or deletes an
// event, and a database trigger refuses it too.
import type { Prisma } from "@/lib/generated/prisma/client";

export type TimelineScope = "ADMIN" | "ITEM" | "BOARD";

/** Who did it: the effective user it shows as, and the true actor behind it. */
export type Attribution = {
  organizationId: string;
  userId: string;
  actorId: string;
  impersonationSessionId?: string | null;
};

export type EventInput = {
  scope: TimelineScope;
  type: string;
  subjectUserId?: string | null;
  itemId?: string | null;
  boardId?: string | null;
  details?: Prisma.InputJsonObject;
};

type Tx = Pick<Prisma.TransactionClient, "timelineEvent">;

export function recordEvent(tx: Tx, who: Attribution, event: EventInput) {
  return tx.timelineEvent.create({
    data: {
      organizationId: who.organizationId,
      userId: who.userId,
      actorId: who.actorId,
      impersonationSessionId: who.impersonationSessionId ?? null,
      scope: event.scope,
      type: event.type,
      subjectUserId: event.subjectUserId ?? null,
      itemId: event.itemId ?? null,
      boardId: event.boardId ?? null,
      details: event.details ?? {},
    },
    select: { id: true },
  });
}
