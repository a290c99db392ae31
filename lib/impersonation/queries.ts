// Reading impersonations for the Admin pages: those of people the viewer may manage (the policy's
// canManageUser, as a query), and of the events inside each, those the Admin Timeline shows them.
import "server-only";
import type { RequestContext } from "@/lib/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { adminEventsShownTo, eventSelect, type TimelineEntry } from "@/lib/timeline/queries";
import { nextDay, startOfDayIn } from "@/lib/format/time";
import { decodeCursor, keysetPage } from "@/lib/pagination";
import type { ImpersonationFilters } from "@/lib/validations/impersonation";
import { loadAuthorities } from "@/lib/permissions/authority";
import { manageableUsers, type Authority } from "@/lib/permissions/policy";
import { emailTransportOf } from "@/lib/env";
import { formatDuration, formatTime } from "@/lib/format/time";
import { openGrants, waitingRequests } from "@/lib/consent/queries";
import { getImpersonationSettings } from "@/lib/organization/queries";
import { recentAddresses } from "./addresses";
import { asOf, howItRanOut, type End } from "./lifecycle";
import { canImpersonate } from "./policy";

/** What a page shows of an impersonation (the console, a user's page, Account access). */
export const sessionSelect = {
  id: true,
  status: true,
  reason: true,
  startedAt: true,
  lastActivityAt: true,
  idleTimeoutSeconds: true,
  absoluteExpiresAt: true,
  endedAt: true,
  endReason: true,
  actor: { select: { id: true, name: true, username: true } },
  target: { select: { id: true, name: true, username: true } },
  endedBy: { select: { id: true, name: true } },
  /** The user's access grant it ran under (consent before access), if any. */
  grant: { select: { id: true, createdAt: true, expiresAt: true, revokedAt: true } },
} satisfies Prisma.ImpersonationSessionSelect;

export type ImpersonationRow = Prisma.ImpersonationSessionGetPayload<{ select: typeof sessionSelect }>;

/**
 * The impersonations an administrator sees, counts and may end: those of people they may manage. In
 * SQL (not a filter after the fetch), so keyset pages stay full, without gaps or repeats.
 */
export function visibleImpersonations({ viewer, authority }: Pick<RequestContext, "viewer" | "authority">): Prisma.ImpersonationSessionWhereInput {
  return { organizationId: viewer.organizationId, target: manageableUsers(authority) };
}

/**
 * The events inside an impersonation an administrator sees: its Admin Timeline events as the Admin
 * Timeline shows them to the viewer; what was done to Items and Boards (as a target they may
 * manage), all of it.
 */
const visibleEvents = ({ scope }: Pick<RequestContext, "scope">): Prisma.TimelineEventWhereInput => ({
  OR: [{ scope: { not: "ADMIN" } }, { scope: "ADMIN", ...adminEventsShownTo(scope) }],
});

/**
 * Rows as they truly are now: one that has run out reads as ended, at its real end time, with its
 * reason, whether or not the scheduler has recorded it yet. Reading writes nothing, and starts
 * nothing that does (lib/jobs/scheduler.ts records it).
 */
export function shownAsOf<T extends Parameters<typeof asOf>[0]>(ctx: Pick<RequestContext, "now">, rows: T[]): T[] {
  const now = ctx.now();
  return rows.map((row) => asOf(row, now));
}

/**
 * The organization's impersonations the database still calls active that are over by now, and how
 * each ended: what the status and end-reason filters must count as ended. Usually none (the
 * scheduler records an end within a minute); there is at most one active impersonation per actor.
 */
async function overButActive(ctx: Pick<RequestContext, "db" | "now" | "viewer">): Promise<Map<string, End>> {
  const now = ctx.now();
  const active = await ctx.db.impersonationSession.findMany({
    where: { organizationId: ctx.viewer.organizationId, status: "ACTIVE" },
    select: { id: true, lastActivityAt: true, idleTimeoutSeconds: true, absoluteExpiresAt: true, grant: { select: { expiresAt: true, revokedAt: true } } },
  });
  return new Map(
    active.flatMap((s) => {
      const end = howItRanOut(s, now);
      return end ? [[s.id, end] as const] : [];
    }),
  );
}

/** Active as it truly is: ACTIVE in the database and not over by now. */
const reallyActive = (over: Map<string, End>): Prisma.ImpersonationSessionWhereInput => ({ status: "ACTIVE", id: { notIn: [...over.keys()] } });

const CONSOLE_PAGE_SIZE = 25;

/** A cursor's time, if it is one the database can compare (hand-made ones may say year 275760). */
function cursorTime(value: unknown): Date | null {
  if (typeof value !== "string") return null;
  const time = Date.parse(value);
  return Number.isNaN(time) || time < 0 || time > Date.UTC(9999, 11, 31) ? null : new Date(time);
}

/** The console's filters as a query: what it shows and what it exports are the same. */
async function filtered(ctx: RequestContext, filters: ImpersonationFilters, over: Map<string, End>): Promise<Prisma.ImpersonationSessionWhereInput[]> {
  const and: Prisma.ImpersonationSessionWhereInput[] = [visibleImpersonations(ctx)];
  const endedBy = (reason?: string) => [...over].filter(([, end]) => !reason || end.reason === reason).map(([id]) => id);
  if (filters.status === "active") and.push(reallyActive(over));
  if (filters.status === "ended") and.push({ OR: [{ status: "ENDED" }, { id: { in: endedBy() } }] });
  if (filters.endReason) and.push({ OR: [{ endReason: filters.endReason }, { id: { in: endedBy(filters.endReason) } }] });
  const idOf = async (username: string) =>
    (await ctx.db.user.findFirst({ where: { organizationId: ctx.viewer.organizationId, username }, select: { id: true } }))?.id ?? "";
  if (filters.actor) and.push({ actorId: await idOf(filters.actor) });
  if (filters.target) and.push({ targetId: await idOf(filters.target) });
  // Days are the viewer's: "from 28 Nov" starts at midnight where they are.
  if (filters.from) and.push({ startedAt: { gte: startOfDayIn(filters.from, ctx.timeZone) } });
  // …and "to 28 Nov" ends where 29 Nov begins there (a day is 23 or 25 hours when the clocks change).
  if (filters.to) and.push({ startedAt: { lt: startOfDayIn(nextDay(filters.to), ctx.timeZone) } });
  return and;
}

/**
 * A page of the Impersonations console, newest first, keyset-paged on (startedAt, id). Nothing
 * shows as Active that is over, whether or not its end is recorded yet.
 */
export async function listImpersonations(ctx: RequestContext, filters: ImpersonationFilters = {}, pageSize = CONSOLE_PAGE_SIZE) {
  const over = await overButActive(ctx);
  const and = await filtered(ctx, filters, over);
  const wantsBackwards = Boolean(filters.before) && !filters.after;
  const cursor = decodeCursor(wantsBackwards ? filters.before : filters.after, 2);
  const at = cursor && /^[A-Za-z0-9_-]{1,64}$/.test(cursor[1]!) ? cursorTime(cursor[0]) : null;
  // A cursor that does not decode to a sane time is ignored: the first page, newest first.
  const backwards = wantsBackwards && at !== null;
  if (cursor && at) {
    const id = cursor[1]!;
    and.push(
      backwards
        ? { OR: [{ startedAt: { gt: at } }, { startedAt: at, id: { gt: id } }] }
        : { OR: [{ startedAt: { lt: at } }, { startedAt: at, id: { lt: id } }] },
    );
  }
  const rows = await ctx.db.impersonationSession.findMany({
    where: { AND: and },
    orderBy: backwards ? [{ startedAt: "asc" }, { id: "asc" }] : [{ startedAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: sessionSelect,
  });
  const { page, nextCursor, prevCursor } = keysetPage(rows, pageSize, { backwards, paged: at !== null, key: (r) => [r.startedAt.toISOString(), r.id] });
  const activeCount = await ctx.db.impersonationSession.count({ where: { AND: [visibleImpersonations(ctx), reallyActive(over)] } });
  return { rows: shownAsOf(ctx, page), activeCount, nextCursor, prevCursor };
}

/** The most impersonations one export holds (newest first); the response says when there were more. */
export const EXPORT_LIMIT = 2_000;

/** Everything the console's filters select, each impersonation with everything done during it. */
export async function impersonationsForExport(ctx: RequestContext, filters: ImpersonationFilters) {
  const over = await overButActive(ctx);
  const sessions = await ctx.db.impersonationSession.findMany({
    where: { AND: await filtered(ctx, { ...filters, after: undefined, before: undefined }, over) },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: EXPORT_LIMIT + 1,
    select: sessionSelect,
  });
  const truncated = sessions.length > EXPORT_LIMIT;
  const kept = shownAsOf(ctx, sessions.slice(0, EXPORT_LIMIT));
  const events = await ctx.db.timelineEvent.findMany({
    where: { organizationId: ctx.viewer.organizationId, impersonationSessionId: { in: kept.map((s) => s.id) }, ...visibleEvents(ctx) },
    orderBy: { id: "asc" },
    select: eventSelect,
  });
  const bySession = new Map<string, TimelineEntry[]>();
  for (const e of events) {
    const list = bySession.get(e.impersonationSessionId!) ?? [];
    list.push(e);
    bySession.set(e.impersonationSessionId!, list);
  }
  return { sessions: kept.map((s) => ({ ...s, events: bySession.get(s.id) ?? [] })), truncated };
}

/** Every impersonation in which `userId` was the target or the actor (User Management's user page). */
export async function impersonationsOfUser(ctx: RequestContext, userId: string, take = 50) {
  const base = { AND: [visibleImpersonations(ctx)] };
  const [asTarget, asActor] = await Promise.all([
    ctx.db.impersonationSession.findMany({ where: { ...base, targetId: userId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take, select: sessionSelect }),
    ctx.db.impersonationSession.findMany({ where: { ...base, actorId: userId }, orderBy: [{ startedAt: "desc" }, { id: "desc" }], take, select: sessionSelect }),
  ]);
  return { asTarget: shownAsOf(ctx, asTarget), asActor: shownAsOf(ctx, asActor) };
}

/** One impersonation and everything done during it. */
export async function getImpersonation(ctx: RequestContext, id: string) {
  const session = await ctx.db.impersonationSession.findFirst({ where: { id, ...visibleImpersonations(ctx) }, select: sessionSelect });
  if (!session) return null;
  return { session: shownAsOf(ctx, [session])[0]!, events: await eventsDuring(ctx, id, visibleEvents(ctx)) };
}

/** What was recorded during impersonation `id` (all of it, or the events `shown`), oldest first (its page, and Account access's). */
export function eventsDuring(ctx: Pick<RequestContext, "db">, id: string, shown: Prisma.TimelineEventWhereInput = {}) {
  return ctx.db.timelineEvent.findMany({ where: { impersonationSessionId: id, ...shown }, orderBy: { id: "asc" }, select: eventSelect });
}

/** What the Impersonate window says will happen to this person, and under which limits. */
export type ImpersonationOffer = {
  id: string;
  name: string;
  /** emailed: the user will be emailed; logged: a notice is kept and logged, not delivered (no mail
   * transport); internal: the actor is vendor support, so no email; no-address: nowhere to send it. */
  notice: "emailed" | "logged" | "internal" | "no-address";
  /** The limits it runs under (the organization's, within the server's), as the window says them. */
  idleLimit: string;
  cap: string;
  /** The organization asks for a reason of at least this many characters (null: optional). */
  reasonMinLength: number | null;
  /**
   * Null unless the organization requires the user's consent; then when their open grant ends (null:
   * none, so the window offers Request access), and whether the viewer's request awaits their answer.
   */
  consent: { grantedUntil: string | null; requested: boolean } | null;
};

/**
 * The people on this page the viewer may impersonate (the rows that show the Impersonate icon), each
 * with what the confirmation will truthfully say: whether and how they will be told.
 */
export async function impersonationOffers(
  ctx: RequestContext,
  rows: { id: string; name: string; email: string | null }[],
  loaded?: Map<string, Authority>,
): Promise<Map<string, ImpersonationOffer>> {
  if (ctx.impersonation || rows.length === 0) return new Map(); // no chains
  const targets = loaded ?? (await loadAuthorities(ctx.db, rows.map((r) => r.id)));
  const allowed = rows.filter((r) => canImpersonate(ctx.authority, targets.get(r.id)!, { actorIsImpersonating: false }).ok);
  // Someone without an address now may still have had one in the last 30 days: the notice goes there.
  const reachable = new Set(allowed.filter((r) => r.email).map((r) => r.id));
  for (const r of allowed.filter((r) => !r.email)) {
    if ((await recentAddresses(ctx.db, { id: r.id, organizationId: ctx.viewer.organizationId, email: null }, ctx.now())).length > 0) reachable.add(r.id);
  }
  const delivery = emailTransportOf(ctx.config) === "resend" ? "emailed" : "logged";
  const settings = await getImpersonationSettings(ctx);
  const ids = allowed.map((r) => r.id);
  const [grants, requested] = settings.consentRequired
    ? await Promise.all([openGrants(ctx.db, ids, ctx.now()), waitingRequests(ctx.db, ctx.who.actorId, ids, ctx.now())])
    : [new Map<string, { expiresAt: Date }>(), new Set<string>()];
  const consentOf = (id: string) => {
    if (!settings.consentRequired) return null;
    const grant = grants.get(id);
    return { grantedUntil: grant ? formatTime(grant.expiresAt, "datetime", { timeZone: ctx.timeZone }) : null, requested: requested.has(id) };
  };
  return new Map(
    allowed.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        notice: ctx.authority.isInternal ? "internal" : reachable.has(r.id) ? delivery : "no-address",
        idleLimit: formatDuration(settings.idleTimeoutSeconds),
        cap: formatDuration(settings.maxDurationSeconds),
        reasonMinLength: settings.reasonRequired ? settings.reasonMinLength : null,
        consent: consentOf(r.id),
      },
    ]),
  );
}
