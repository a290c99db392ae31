// What an audit stream sends for one Admin, Item or Board Timeline event: a Standard Webhooks
// payload, {"type", "timestamp", "data"}, whose `type` is "kaizen." and the event's own type, and
// whose `data.details` has the shape that type declares (lib/timeline/events.ts, parsed with it:
// no second list of events or shapes). Every payload says who it shows as (the effective user), who
// really did it (the true actor) and, during an impersonation, which one.
import { describeEvent, EVENTS, isEventType, parseEvent } from "@/lib/timeline/events";

export const TYPE_PREFIX = "kaizen.";

/** What an endpoint receives: the impersonation lifecycle (and everything done during one), the Admin Timeline, or both. */
export type StreamScope = "IMPERSONATIONS" | "ADMIN_TIMELINE" | "BOTH";

export type StreamedEvent = {
  id: bigint;
  organizationId: string;
  scope: "ADMIN" | "ITEM" | "BOARD";
  type: string;
  createdAt: Date;
  userId: string | null;
  actorId: string | null;
  impersonationSessionId: string | null;
  subjectUserId: string | null;
  itemId: string | null;
  boardId: string | null;
  details: unknown;
};

/** Whether an endpoint of `scope` receives `event`. */
export function receives(scope: StreamScope, event: Pick<StreamedEvent, "scope" | "type" | "impersonationSessionId">): boolean {
  const impersonation = event.type.startsWith("impersonation.") || event.impersonationSessionId !== null;
  const admin = event.scope === "ADMIN";
  return scope === "BOTH" ? impersonation || admin : scope === "IMPERSONATIONS" ? impersonation : admin;
}

export type Payload = {
  type: string;
  timestamp: string;
  data: {
    eventId: string;
    organizationId: string;
    timeline: "admin" | "item" | "board";
    /** Who it shows as (during an impersonation, the impersonated user). */
    effectiveUserId: string | null;
    /** Who really did it. */
    actorId: string | null;
    impersonationId: string | null;
    subjectUserId: string | null;
    itemId: string | null;
    boardId: string | null;
    /** As the Admin Timeline says it, without names ("started impersonating a user"). */
    summary: string;
    /** The type's declared details (lib/timeline/events.ts). */
    details: Record<string, unknown>;
  };
};

/** The payload for `event` (null for a type this version does not declare). */
export function payloadOf(event: StreamedEvent): Payload | null {
  if (!isEventType(event.type)) return null;
  const parsed = parseEvent(event.type, event.details);
  return {
    type: `${TYPE_PREFIX}${event.type}`,
    timestamp: event.createdAt.toISOString(),
    data: {
      eventId: String(event.id),
      organizationId: event.organizationId,
      timeline: event.scope === "ADMIN" ? "admin" : event.scope === "ITEM" ? "item" : "board",
      effectiveUserId: event.userId,
      actorId: event.actorId,
      impersonationId: event.impersonationSessionId,
      subjectUserId: event.subjectUserId,
      itemId: event.itemId,
      boardId: event.boardId,
      summary: describeEvent(event.type, event.details),
      details: (parsed?.details ?? {}) as Record<string, unknown>,
    },
  };
}

/** Every event type an endpoint can receive, with its label (the docs and the settings page list them). */
export const STREAMED_TYPES = Object.entries(EVENTS).map(([type, spec]) => ({ type: `${TYPE_PREFIX}${type}`, label: spec.label, timeline: spec.scope }));
