// Reading timelines, scoped to the viewer's organization inside. The Admin Timeline grows forever,
// so it pages by keyset on the event id (newest first): page 10,000 costs what page 1 does.
import "server-only";
import type { RequestContext } from "@/lib/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, keysetPage } from "@/lib/pagination";
import type { EventType } from "./events";

const TIMELINE_PAGE_SIZE = 30;

export const eventSelect = {
  id: true,
  type: true,
  scope: true,
  details: true,
  createdAt: true,
  impersonationSessionId: true,
  user: { select: { id: true, name: true } },
  actor: { select: { id: true, name: true } },
  subjectUser: { select: { id: true, name: true, username: true } },
  item: { select: { id: true, title: true } },
  board: { select: { id: true, name: true } },
} satisfies Prisma.TimelineEventSelect;

export type TimelineEntry = Prisma.TimelineEventGetPayload<{ select: typeof eventSelect }>;

export type AdminTimelineQuery = {
  type?: EventType;
  /** Username of the effective user or the true actor. */
  who?: string;
  /** Username of the user the event is about. */
  subject?: string;
  after?: string;
  before?: string;
};

/** Which Admin Timeline events an administrator sees: a Local User Administrator, those about people in their Locations. */
export function adminEventsShownTo(scope: RequestContext["scope"]): Prisma.TimelineEventWhereInput {
  return scope.adminPaths ? { subjectUser: { OR: scope.adminPaths.map((path) => ({ location: { path: { startsWith: path } } })) } } : {};
}

/**
 * The Admin Timeline page the query asks for. A Local User Administrator sees events about people
 * in their Locations only.
 */
export async function listAdminTimeline(
  { db, viewer, scope }: Pick<RequestContext, "db" | "viewer" | "scope">,
  query: AdminTimelineQuery,
  pageSize = TIMELINE_PAGE_SIZE,
) {
  const and: Prisma.TimelineEventWhereInput[] = [{ organizationId: viewer.organizationId, scope: "ADMIN" }];
  if (query.type) and.push({ type: query.type });
  const findUser = async (username: string) =>
    (await db.user.findFirst({ where: { organizationId: viewer.organizationId, username: username.toLowerCase() }, select: { id: true } }))?.id ?? "";
  const whoId = query.who ? await findUser(query.who) : undefined;
  if (query.subject) and.push({ subjectUserId: await findUser(query.subject) });
  and.push(adminEventsShownTo(scope));

  const backwards = Boolean(query.before) && !query.after;
  const cursor = decodeCursor(backwards ? query.before : query.after, 1);
  const cursorId = cursor && /^\d+$/.test(cursor[0]!) ? BigInt(cursor[0]!) : null;
  if (cursorId !== null) and.push({ id: backwards ? { gt: cursorId } : { lt: cursorId } });

  const read = (also: Prisma.TimelineEventWhereInput[]) =>
    db.timelineEvent.findMany({ where: { AND: [...and, ...also] }, orderBy: { id: backwards ? "asc" : "desc" }, take: pageSize + 1, select: eventSelect });
  // "By" someone: as the effective user or as the true actor. Two index scans, merged here: one OR
  // of the two reads the timeline backwards row by row for someone who seldom appears in it (9 s
  // at 10 million events for a user who never acted).
  const rows =
    whoId === undefined
      ? await read([])
      : [...new Map((await Promise.all([read([{ userId: whoId }]), read([{ actorId: whoId }])])).flat().map((e) => [e.id, e])).values()]
          .sort((a, b) => (a.id === b.id ? 0 : (a.id < b.id) === backwards ? -1 : 1))
          .slice(0, pageSize + 1);
  const { page, nextCursor, prevCursor } = keysetPage(rows, pageSize, { backwards, paged: cursorId !== null, key: (e) => [String(e.id)] });
  return { entries: page, nextCursor, prevCursor };
}

/** An Item's or a Board's timeline, newest first (they stay small: no paging). */
export async function listSubjectTimeline({ db, viewer }: RequestContext, of: { itemId: string } | { boardId: string }, take = 200) {
  return db.timelineEvent.findMany({
    where: { ...of, organizationId: viewer.organizationId },
    orderBy: { id: "desc" },
    take,
    select: eventSelect,
  });
}
