// Human wording of timeline events, one place for every event type.
import { PERMISSION_LABELS } from "@/lib/validations/users";

const STATUS_LABELS: Record<string, string> = { NEW: "New", PLANNED: "Planned", IN_PROGRESS: "In progress", DONE: "Done" };
export const statusLabel = (s: string) => STATUS_LABELS[s] ?? s;

type Details = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "—" : JSON.stringify(v));
const permission = (d: Details) =>
  `${PERMISSION_LABELS[d.permission as keyof typeof PERMISSION_LABELS] ?? str(d.permission)}${d.location ? ` (${str(d.location)})` : ""}`;

export const EVENT_TYPE_LABELS: Record<string, string> = {
  "user.created": "User created",
  "user.updated": "User edited",
  "user.deactivated": "User deactivated",
  "user.reactivated": "User reactivated",
  "permission.granted": "Permission granted",
  "permission.revoked": "Permission revoked",
  "impersonation.requested": "Impersonation requested",
  "impersonation.started": "Impersonation started",
  "impersonation.denied": "Impersonation denied",
  "impersonation.cancelled": "Impersonation cancelled",
  "impersonation.ended": "Impersonation ended",
  "impersonation.notice_sent": "Notification email sent",
  "impersonation.notice_skipped": "Notification email not sent",
  "impersonation.notice_failed": "Notification email failed",
};

export const END_REASON_LABELS: Record<string, string> = {
  SIGN_OUT: "signed out",
  INACTIVITY: "inactivity",
  REVOKED: "revoked by an administrator",
  ABSOLUTE_CAP: "time limit reached",
};

const DENIAL_LABELS: Record<string, string> = {
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
};

/** One sentence for an event; `subject` is the name of the user, Item or Board it concerns. */
export function describeEvent(type: string, rawDetails: unknown, subject?: string | null): string {
  const d = (rawDetails && typeof rawDetails === "object" ? rawDetails : {}) as Details;
  const who = subject ?? "a user";
  switch (type) {
    case "user.created":
      return `created user ${who} (${str(d.username)}) in ${str(d.location)}`;
    case "user.updated": {
      const changes = (d.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
      const parts = Object.entries(changes).map(([field, c]) => `${field} from ${str(c.from)} to ${str(c.to)}`);
      return `edited ${who}: ${parts.join("; ") || "no changes"}`;
    }
    case "user.deactivated":
      return `deactivated ${who}`;
    case "user.reactivated":
      return `reactivated ${who}`;
    case "permission.granted":
      return `granted ${permission(d)} to ${who}`;
    case "permission.revoked":
      return `revoked ${permission(d)} from ${who}`;
    case "impersonation.requested":
      return `asked to impersonate ${who}${d.reason ? ` (reason: ${str(d.reason)})` : ""}`;
    case "impersonation.started":
      return `started impersonating ${who}${d.reason ? ` (reason: ${str(d.reason)})` : ""}`;
    case "impersonation.denied":
      return `was refused impersonating ${who}: ${DENIAL_LABELS[str(d.reason)] ?? str(d.reason)}${d.stage === "re-login" ? " (at the re-login)" : ""}`;
    case "impersonation.cancelled":
      return `cancelled impersonating ${who}`;
    case "impersonation.ended":
      return `ended the impersonation of ${who}: ${END_REASON_LABELS[str(d.endReason)] ?? str(d.endReason)}`;
    case "impersonation.notice_sent":
      return `— the notification email to ${who} was sent (${str(d.to)}${Number(d.attempts) > 1 ? `, after ${str(d.attempts)} tries` : ""})`;
    case "impersonation.notice_skipped":
      return d.reason === "internal-actor"
        ? `— no notification email to ${who}: the administrator is vendor support (internal)`
        : d.reason === "no-email"
          ? `— no notification email to ${who}: they have no email address`
          : `— no notification email to ${who}: it could not be prepared (see the server log)`;
    case "impersonation.notice_failed":
      return `— the notification email to ${who} failed after ${str(d.attempts)} ${Number(d.attempts) === 1 ? "try" : "tries"} (${str(d.error)})`;
    case "item.created":
      return `created the Item “${str(d.title)}”`;
    case "item.updated": {
      const changes = (d.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
      return `edited ${Object.keys(changes).join(", ") || "the Item"}`;
    }
    case "item.status_changed":
      return `moved it from ${statusLabel(str(d.from))} to ${statusLabel(str(d.to))}`;
    case "item.assigned":
      return d.to ? `assigned it to ${str(d.to)}` : `removed the assignee ${str(d.from)}`;
    case "item.commented":
      return `commented: “${str(d.excerpt)}”`;
    case "board.created":
      return `created the Board “${str(d.name)}”`;
    case "board.renamed":
      return `renamed the Board from “${str(d.from)}” to “${str(d.to)}”`;
    case "board.filters_changed":
      return "changed the Board's filters";
    case "board.deleted":
      return "deleted the Board";
    default:
      return type;
  }
}
