// The Impersonations console's exports: every impersonation the filters select, each with
// everything done during it, as CSV (a row per event) or JSON. Times are ISO 8601 with the offset
// of the viewer's time zone. No CSV cell is one a spreadsheet would run as a formula.
import { isoWithOffset } from "@/lib/format/time";
import { describeEvent, END_REASON_LABELS } from "@/lib/timeline/events";
import type { ImpersonationEndReason, ImpersonationSessionStatus } from "@/lib/generated/prisma/enums";

type Person = { name: string; username: string };
type ExportEvent = {
  id: bigint;
  type: string;
  details: unknown;
  createdAt: Date;
  user: { name: string } | null;
  actor: { name: string } | null;
  subjectUser: { name: string } | null;
  item: { title: string } | null;
  board: { name: string } | null;
};
export type ExportedImpersonation = {
  id: string;
  status: ImpersonationSessionStatus;
  reason: string | null;
  startedAt: Date;
  endedAt: Date | null;
  endReason: ImpersonationEndReason | null;
  actor: Person;
  target: Person;
  endedBy: { name: string } | null;
  events: ExportEvent[];
};

const subjectOf = (e: ExportEvent) => e.item?.title ?? e.board?.name ?? e.subjectUser?.name;

function exportedEvent(e: ExportEvent, timeZone: string) {
  return {
    at: isoWithOffset(e.createdAt, timeZone),
    type: e.type,
    shownAs: e.user?.name ?? null,
    doneBy: e.actor?.name ?? null,
    description: describeEvent(e.type, e.details, subjectOf(e)),
    subject: subjectOf(e) ?? null,
    details: e.details,
  };
}

export function impersonationsJson(sessions: ExportedImpersonation[], meta: { timeZone: string; exportedAt: Date; filters: Record<string, unknown>; truncated: boolean }) {
  return {
    exportedAt: isoWithOffset(meta.exportedAt, meta.timeZone),
    timeZone: meta.timeZone,
    filters: meta.filters,
    truncated: meta.truncated,
    impersonations: sessions.map((s) => ({
      id: s.id,
      administrator: s.actor,
      signedInAs: s.target,
      reason: s.reason,
      startedAt: isoWithOffset(s.startedAt, meta.timeZone),
      endedAt: s.endedAt ? isoWithOffset(s.endedAt, meta.timeZone) : null,
      status: s.status === "ACTIVE" ? "active" : "ended",
      endReason: s.endReason ? END_REASON_LABELS[s.endReason] : null,
      endedBy: s.endedBy?.name ?? null,
      events: s.events.map((e) => exportedEvent(e, meta.timeZone)),
    })),
  };
}

// Where a spreadsheet may start a cell: the cell's start, and after anything it may cut the line at
// (a comma, a semicolon in many European locales, a tab, a line break, a stray quote), spaces
// allowed. A formula character there (OWASP's = + - @ tab CR) gets a ' before it.
const FORMULA_AT_CELL_START = /(?<=(?:^|[,;\t\r\n"]) *)(?=[=+\-@\t\r])/g;

/**
 * One CSV cell: never a formula, however the line is cut, and quoted whenever it holds a separator
 * of any locale, so it stays one cell and reads back as typed (with a ' before each defused spot).
 */
export function csvCell(value: unknown): string {
  const text = (value === null || value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value)).replace(FORMULA_AT_CELL_START, "'");
  return /[",;\t\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

const CSV_COLUMNS = [
  "impersonation_id",
  "administrator",
  "administrator_username",
  "signed_in_as",
  "signed_in_as_username",
  "reason",
  "started_at",
  "ended_at",
  "status",
  "end_reason",
  "ended_by",
  "event_at",
  "event_type",
  "event_shown_as",
  "event_done_by",
  "event_description",
  "event_subject",
];

/** A row per event (an impersonation with none: one row, its event columns empty). */
export function impersonationsCsv(sessions: ExportedImpersonation[], timeZone: string): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const s of sessions) {
    const head = [
      s.id,
      s.actor.name,
      s.actor.username,
      s.target.name,
      s.target.username,
      s.reason,
      isoWithOffset(s.startedAt, timeZone),
      s.endedAt ? isoWithOffset(s.endedAt, timeZone) : "",
      s.status === "ACTIVE" ? "active" : "ended",
      s.endReason ? END_REASON_LABELS[s.endReason] : "",
      s.endedBy?.name ?? "",
    ];
    const events = s.events.length ? s.events.map((e) => exportedEvent(e, timeZone)) : [null];
    for (const e of events) {
      const tail = e ? [e.at, e.type, e.shownAs, e.doneBy, e.description, e.subject] : ["", "", "", "", "", ""];
      lines.push([...head, ...tail].map(csvCell).join(","));
    }
  }
  return `${lines.join("\r\n")}\r\n`;
}
