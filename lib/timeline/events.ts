// Every kind of history event, declared once: its type, the timeline it belongs to, the shape of
// its details, its label and how it reads in a timeline. Writing validates against this (so what is
// stored always has its declared shape); reading parses with it; the Admin Timeline's filter, the
// labels and the sentences all derive from it. Pure: safe in Server and Client Components alike.
import { z } from "zod";
import { ImpersonationEndReason, ItemStatus, Permission, TimelineScope } from "@/lib/generated/prisma/enums";
import { itemStatusLabel } from "@/lib/items/status";
import { PERMISSION_LABELS } from "@/lib/permissions/labels";

const text = z.string().max(10_000);
const nullableText = text.nullable();
const change = z.object({ from: nullableText, to: nullableText });

export const END_REASON_LABELS: Record<ImpersonationEndReason, string> = {
  SIGN_OUT: "signed out",
  INACTIVITY: "inactivity",
  REVOKED: "revoked by an administrator",
  ABSOLUTE_CAP: "time limit reached",
  USER_DEACTIVATED: "a user was deactivated",
  PERMISSIONS_CHANGED: "permissions changed",
  SUPERSEDED: "the administrator started another impersonation",
  CONSENT_REVOKED: "the user revoked access",
  CONSENT_EXPIRED: "the user's access grant ran out",
};

/** Why an impersonation was refused (the policy's reasons, and the re-login's own). */
const DENIAL_LABELS = {
  "already-impersonating": "already impersonating",
  self: "cannot impersonate oneself",
  "actor-inactive": "actor deactivated",
  "not-permitted": "no permission to impersonate",
  "other-organization": "user in another organization",
  "target-inactive": "user deactivated",
  "internal-target": "internal (vendor support) user",
  "outside-scope": "outside the administrator's Locations",
  escalation: "user holds permissions the administrator does not",
  "wrong-credentials": "someone else's credentials were entered at the re-login",
  "no-consent": "the user has not granted access",
} as const;

// ("render-failed": recorded before notices were rendered by their sender; kept so that history reads.)
const NOTICE_SKIP_REASONS = ["internal-actor", "no-email", "render-failed"] as const;

/** What an audit stream receives, as people read it. */
export const STREAM_SCOPE_LABELS = {
  IMPERSONATIONS: "impersonations and everything done during them",
  ADMIN_TIMELINE: "everything on the Admin Timeline",
  BOTH: "both",
} as const;

/** The organization's settings, as the Admin Timeline names them. */
const SETTING_LABELS: Record<string, string> = {
  impersonationReasonRequired: "reason",
  impersonationReasonMinLength: "reason minimum",
  impersonationIdleTimeoutSeconds: "inactivity limit",
  impersonationMaxDurationSeconds: "time limit",
  impersonationViewOnly: "view-only",
  impersonationConsentRequired: "the user's consent",
};

const permissionText = (d: { permission: Permission; location: string | null }) =>
  `${PERMISSION_LABELS[d.permission]}${d.location ? ` (${d.location})` : ""}`;
const reasonSuffix = (reason: string | null | undefined) => (reason ? ` (reason: ${reason})` : "");
/** A user's time zone setting as a timeline says it (null: whatever their browser uses). */
const zoneText = (zone: string | null) => zone ?? "their browser's";
const tries = (n: number) => `${n} ${n === 1 ? "try" : "tries"}`;

/** One event kind. `subject` in describe() is the name of the user, Item or Board it concerns. */
type EventSpec<S extends z.ZodType> = {
  scope: TimelineScope;
  label: string;
  details: S;
  describe: (details: z.output<S>, subject: string) => string;
};
const spec = <S extends z.ZodType>(s: EventSpec<S>) => s;

// An email's final outcome (the start notice's and the summary's), worded alike.
const emailDelivered = z.object({ to: text, attempts: z.number().int(), transport: text });
const emailFailed = z.object({ to: text, attempts: z.number().int(), error: text, status: z.number().int().nullable() });
const emailOutcomes = (email: "notification" | "summary", label: string) => ({
  sent: spec({
    scope: "ADMIN",
    label: `${label} sent`,
    details: emailDelivered,
    describe: (d, who) => `— the ${email} email to ${who} was sent (${d.to}${d.attempts > 1 ? `, after ${d.attempts} tries` : ""})`,
  }),
  logged: spec({
    scope: "ADMIN",
    label: `${label} logged, not delivered`,
    details: emailDelivered,
    describe: (d, who) => `— the ${email} email to ${who} was logged, not delivered (${d.to}; no mail transport is configured)`,
  }),
  failed: spec({
    scope: "ADMIN",
    label: `${label} failed`,
    details: emailFailed,
    describe: (d, who) => `— the ${email} email to ${who} failed after ${tries(d.attempts)} (${d.error})`,
  }),
});
const NOTICE = emailOutcomes("notification", "Notification email");
const SUMMARY = emailOutcomes("summary", "Summary email");

export const EVENTS = {
  // ─── User Management (Admin Timeline) ───
  "user.created": spec({
    scope: "ADMIN",
    label: "User created",
    details: z.object({ username: text, name: text, email: nullableText, location: text }),
    describe: (d, who) => `created user ${who} (${d.username}) in ${d.location}`,
  }),
  "user.updated": spec({
    scope: "ADMIN",
    label: "User edited",
    details: z.object({ changes: z.partialRecord(z.enum(["name", "email", "location"]), change) }),
    describe: (d, who) => {
      const parts = Object.entries(d.changes).map(([field, c]) => `${field} from ${c?.from ?? "—"} to ${c?.to ?? "—"}`);
      return `edited ${who}: ${parts.join("; ") || "no changes"}`;
    },
  }),
  "user.deactivated": spec({ scope: "ADMIN", label: "User deactivated", details: z.object({}), describe: (_, who) => `deactivated ${who}` }),
  "user.reactivated": spec({ scope: "ADMIN", label: "User reactivated", details: z.object({}), describe: (_, who) => `reactivated ${who}` }),
  "permission.granted": spec({
    scope: "ADMIN",
    label: "Permission granted",
    details: z.object({ permission: z.enum(Permission), location: nullableText }),
    describe: (d, who) => `granted ${permissionText(d)} to ${who}`,
  }),
  "permission.revoked": spec({
    scope: "ADMIN",
    label: "Permission revoked",
    details: z.object({ permission: z.enum(Permission), location: nullableText }),
    describe: (d, who) => `revoked ${permissionText(d)} from ${who}`,
  }),

  "user.password_changed": spec({
    scope: "ADMIN",
    label: "Password changed",
    details: z.object({ sessionsEnded: z.number().int() }),
    describe: (d, who) => `changed the password of ${who} (${d.sessionsEnded} ${d.sessionsEnded === 1 ? "session" : "sessions"} signed out)`,
  }),
  "user.signed_out_everywhere": spec({
    scope: "ADMIN",
    label: "Signed out everywhere",
    details: z.object({ sessionsEnded: z.number().int(), impersonationsEnded: z.number().int() }),
    describe: (d, who) =>
      `signed ${who} out everywhere (${d.sessionsEnded} ${d.sessionsEnded === 1 ? "session" : "sessions"}${d.impersonationsEnded ? `, ${d.impersonationsEnded} impersonation${d.impersonationsEnded === 1 ? "" : "s"} ended` : ""})`,
  }),
  "user.lockout_cleared": spec({
    scope: "ADMIN",
    label: "Sign-in lockout cleared",
    details: z.object({ username: text, failuresCleared: z.number().int() }),
    describe: (d, who) => `cleared the sign-in lockout of ${who} (${d.failuresCleared} failed attempts)`,
  }),
  "user.time_zone_changed": spec({
    scope: "ADMIN",
    label: "Time zone changed",
    details: change,
    describe: (d, who) => `changed the time zone of ${who} from ${zoneText(d.from)} to ${zoneText(d.to)}`,
  }),
  "organization.settings_changed": spec({
    scope: "ADMIN",
    label: "Organization settings changed",
    details: z.object({ changes: z.record(text, z.object({ from: text, to: text })) }),
    describe: (d) =>
      `changed the organization's Impersonation Mode settings: ${Object.entries(d.changes)
        .map(([key, c]) => `${SETTING_LABELS[key] ?? key} ${c.from} → ${c.to}`)
        .join("; ")}`,
  }),
  "access.refused": spec({
    scope: "ADMIN",
    label: "Action refused",
    details: z.object({ action: text, reason: text }),
    describe: (d, who) => `was refused ${d.action}${who === "a user" ? "" : ` (${who})`}: ${d.reason}`,
  }),

  // ─── Impersonation (Admin Timeline) ───
  "impersonation.requested": spec({
    scope: "ADMIN",
    label: "Impersonation requested",
    details: z.object({ reason: nullableText }),
    describe: (d, who) => `asked to impersonate ${who}${reasonSuffix(d.reason)}`,
  }),
  "impersonation.started": spec({
    scope: "ADMIN",
    label: "Impersonation started",
    details: z.object({ reason: nullableText, idleTimeoutSeconds: z.number().int(), absoluteExpiresAt: z.iso.datetime() }),
    describe: (d, who) => `started impersonating ${who}${reasonSuffix(d.reason)}`,
  }),
  "impersonation.denied": spec({
    scope: "ADMIN",
    label: "Impersonation denied",
    details: z.object({
      reason: z.enum(Object.keys(DENIAL_LABELS) as [keyof typeof DENIAL_LABELS, ...(keyof typeof DENIAL_LABELS)[]]),
      stage: z.enum(["confirm", "re-login"]),
    }),
    describe: (d, who) => `was refused impersonating ${who}: ${DENIAL_LABELS[d.reason]}${d.stage === "re-login" ? " (at the re-login)" : ""}`,
  }),
  "impersonation.cancelled": spec({
    scope: "ADMIN",
    label: "Impersonation cancelled",
    details: z.object({}),
    describe: (_, who) => `cancelled impersonating ${who}`,
  }),
  "impersonation.ended": spec({
    scope: "ADMIN",
    label: "Impersonation ended",
    details: z.object({ endReason: z.enum(ImpersonationEndReason), endedAt: z.iso.datetime() }),
    describe: (d, who) => `ended the impersonation of ${who}: ${END_REASON_LABELS[d.endReason]}`,
  }),
  "impersonation.notice_sent": NOTICE.sent,
  "impersonation.notice_logged": NOTICE.logged,
  "impersonation.notice_skipped": spec({
    scope: "ADMIN",
    label: "Notification email not sent",
    details: z.object({ reason: z.enum(NOTICE_SKIP_REASONS) }),
    describe: (d, who) =>
      d.reason === "internal-actor"
        ? `— no notification email to ${who}: the administrator is vendor support (internal)`
        : d.reason === "no-email"
          ? `— no notification email to ${who}: they have no email address`
          : `— no notification email to ${who}: it could not be prepared (see the server log)`,
  }),
  "impersonation.notice_failed": NOTICE.failed,

  "impersonation.summary_sent": SUMMARY.sent,
  "impersonation.summary_logged": SUMMARY.logged,
  "impersonation.summary_skipped": spec({
    scope: "ADMIN",
    label: "Summary email not sent",
    details: z.object({ reason: z.enum(["internal-actor", "no-email"]) }),
    describe: (d, who) =>
      d.reason === "internal-actor"
        ? `— no summary email to ${who}: the administrator is vendor support (internal)`
        : `— no summary email to ${who}: they have no email address`,
  }),
  "impersonation.summary_failed": SUMMARY.failed,

  // ─── Consent before access (Admin Timeline; the user's Account access too) ───
  "consent.granted": spec({
    scope: "ADMIN",
    label: "Access granted",
    details: z.object({ grantId: text, duration: text, expiresAt: z.iso.datetime(), requestsAnswered: z.number().int() }),
    describe: (d, who) => `granted administrators access to the account of ${who} for ${d.duration}${d.requestsAnswered ? ` (answering ${d.requestsAnswered} request${d.requestsAnswered === 1 ? "" : "s"})` : ""}`,
  }),
  "consent.revoked": spec({
    scope: "ADMIN",
    label: "Access revoked",
    details: z.object({ grantId: text, impersonationsEnded: z.number().int() }),
    describe: (d, who) => `revoked administrators' access to the account of ${who}${d.impersonationsEnded ? ` (${d.impersonationsEnded} impersonation${d.impersonationsEnded === 1 ? "" : "s"} ended)` : ""}`,
  }),
  "consent.expired": spec({
    scope: "ADMIN",
    label: "Access grant expired",
    details: z.object({ grantId: text, expiresAt: z.iso.datetime() }),
    describe: (_, who) => `— the access ${who} granted to administrators ran out`,
  }),
  "consent.requested": spec({
    scope: "ADMIN",
    label: "Access requested",
    details: z.object({ requestId: text, reason: nullableText }),
    describe: (d, who) => `asked ${who} for access to their account${reasonSuffix(d.reason)}`,
  }),
  "consent.declined": spec({
    scope: "ADMIN",
    label: "Access request declined",
    details: z.object({ requestId: text, requester: text }),
    describe: (d, who) => `declined the request of ${d.requester} for access to the account of ${who}`,
  }),
  "consent.request_expired": spec({
    scope: "ADMIN",
    label: "Access request expired",
    details: z.object({ requestId: text, requester: text }),
    describe: (d, who) => `— the request of ${d.requester} for access to the account of ${who} expired unanswered`,
  }),

  // ─── Audit streaming (Admin Timeline; the secret itself is never recorded) ───
  "stream.endpoint_added": spec({
    scope: "ADMIN",
    label: "Audit stream added",
    details: z.object({ endpointId: text, url: text, scope: z.enum(["IMPERSONATIONS", "ADMIN_TIMELINE", "BOTH"]) }),
    describe: (d) => `added an audit stream to ${d.url} (${STREAM_SCOPE_LABELS[d.scope]})`,
  }),
  "stream.secret_rotated": spec({
    scope: "ADMIN",
    label: "Audit stream secret rotated",
    details: z.object({ endpointId: text, url: text }),
    describe: (d) => `rotated the signing secret of the audit stream to ${d.url} (the old one signs for 24 hours more)`,
  }),
  "stream.endpoint_paused": spec({
    scope: "ADMIN",
    label: "Audit stream paused",
    details: z.object({ endpointId: text, url: text }),
    describe: (d) => `paused the audit stream to ${d.url}`,
  }),
  "stream.endpoint_resumed": spec({
    scope: "ADMIN",
    label: "Audit stream resumed",
    details: z.object({ endpointId: text, url: text }),
    describe: (d) => `resumed the audit stream to ${d.url}`,
  }),
  "stream.endpoint_deleted": spec({
    scope: "ADMIN",
    label: "Audit stream deleted",
    details: z.object({ endpointId: text, url: text }),
    describe: (d) => `deleted the audit stream to ${d.url}`,
  }),

  // ─── Items (Item Timeline) ───
  "item.created": spec({
    scope: "ITEM",
    label: "Item created",
    details: z.object({ title: text, status: z.enum(ItemStatus), location: text.optional(), assignee: nullableText.optional() }),
    describe: (d) => `created the Item “${d.title}”`,
  }),
  "item.updated": spec({
    scope: "ITEM",
    label: "Item edited",
    details: z.object({ changes: z.partialRecord(z.enum(["title", "description", "location"]), change) }),
    describe: (d) => `edited ${Object.keys(d.changes).join(", ") || "the Item"}`,
  }),
  "item.status_changed": spec({
    scope: "ITEM",
    label: "Item moved",
    details: z.object({ from: z.enum(ItemStatus), to: z.enum(ItemStatus) }),
    describe: (d) => `moved it from ${itemStatusLabel(d.from)} to ${itemStatusLabel(d.to)}`,
  }),
  "item.assigned": spec({
    scope: "ITEM",
    label: "Item assigned",
    details: z.object({ from: nullableText, to: nullableText }),
    describe: (d) => (d.to ? `assigned it to ${d.to}` : `removed the assignee ${d.from ?? "—"}`),
  }),
  "item.commented": spec({
    scope: "ITEM",
    label: "Comment added",
    details: z.object({ commentId: text, excerpt: text }),
    describe: (d) => `commented: “${d.excerpt}”`,
  }),

  // ─── Boards (Board Timeline) ───
  "board.created": spec({
    scope: "BOARD",
    label: "Board created",
    details: z.object({ name: text, filters: z.record(z.string(), z.unknown()).optional() }),
    describe: (d) => `created the Board “${d.name}”`,
  }),
  "board.renamed": spec({
    scope: "BOARD",
    label: "Board renamed",
    details: z.object({ from: text, to: text }),
    describe: (d) => `renamed the Board from “${d.from}” to “${d.to}”`,
  }),
  "board.filters_changed": spec({
    scope: "BOARD",
    label: "Board filters changed",
    details: z.object({ filters: z.record(z.string(), z.unknown()) }),
    describe: () => "changed the Board's filters",
  }),
  "board.deleted": spec({
    scope: "BOARD",
    label: "Board deleted",
    details: z.object({ name: text }),
    describe: () => "deleted the Board",
  }),
} as const;

export type EventType = keyof typeof EVENTS;
export type EventDetails<T extends EventType> = z.output<(typeof EVENTS)[T]["details"]>;

/** What the history records besides who and when: the user, Item or Board an event concerns. */
export type EventLinks = { subjectUserId?: string | null; itemId?: string | null; boardId?: string | null };

/** An event to record: its type, details of that type's shape, and what it concerns. */
export type NewEvent = { [T in EventType]: { type: T; details: z.input<(typeof EVENTS)[T]["details"]> } & EventLinks }[EventType];

const EVENT_TYPES = Object.keys(EVENTS) as EventType[];

export const isEventType = (value: string): value is EventType => Object.hasOwn(EVENTS, value);

/** The event types of one timeline, with their labels (the Admin Timeline's filter). */
export function eventTypesOf(scope: TimelineScope): { value: EventType; label: string }[] {
  return EVENT_TYPES.filter((t) => EVENTS[t].scope === scope).map((t) => ({ value: t, label: EVENTS[t].label }));
}

/** Validates an event before it is written: its details must have its type's declared shape. */
export function validateEvent(event: NewEvent): { type: EventType; scope: TimelineScope; details: Record<string, unknown> } {
  const kind = EVENTS[event.type];
  const details = (kind.details as z.ZodType).parse(event.details ?? {}) as Record<string, unknown>;
  return { type: event.type, scope: kind.scope, details };
}

export type ParsedEvent = { [T in EventType]: { type: T; details: EventDetails<T> } }[EventType];

/** Reads a stored event; null for a type or shape this version does not know. */
export function parseEvent(type: string, details: unknown): ParsedEvent | null {
  if (!isEventType(type)) return null;
  const parsed = (EVENTS[type].details as z.ZodType).safeParse(details);
  return parsed.success ? ({ type, details: parsed.data } as ParsedEvent) : null;
}

/** One sentence for a stored event (its label, when the details are not of a shape known here). */
export function describeEvent(type: string, details: unknown, subject?: string | null): string {
  const parsed = parseEvent(type, details);
  if (!parsed) return isEventType(type) ? EVENTS[type].label.toLowerCase() : type;
  const describe = EVENTS[parsed.type].describe as (d: unknown, s: string) => string;
  return describe(parsed.details, subject ?? "a user");
}
