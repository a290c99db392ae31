// Named reads about people, each scoped to the viewer's organization inside: no page can forget
// the tenant. Keyset pagination on (name, id), so the 5,000th page costs what the first does.
import "server-only";
import type { RequestContext } from "@/lib/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor } from "@/lib/validations/common";

const PEOPLE_PAGE_SIZE = 25;

export type PeopleQuery = {
  search?: string;
  /** Only people whose home Location is this one or below it. */
  locationId?: string;
  after?: string;
  before?: string;
  includeInactive?: boolean;
  /** Only people under these Location paths (a Local User Administrator's scope); null = all. */
  withinPaths?: string[] | null;
};

export type PersonRow = {
  id: string;
  name: string;
  username: string;
  email: string | null;
  active: boolean;
  isInternal: boolean;
  location: { id: string; name: string; path: string };
};

export async function listPeople({ db, viewer }: Pick<RequestContext, "db" | "viewer">, query: PeopleQuery, pageSize = PEOPLE_PAGE_SIZE) {
  const and: Prisma.UserWhereInput[] = [{ organizationId: viewer.organizationId }];
  if (!query.includeInactive) and.push({ active: true });
  if (query.search) {
    and.push({
      OR: [
        { name: { contains: query.search, mode: "insensitive" } },
        { username: { contains: query.search.toLowerCase() } },
      ],
    });
  }
  if (query.locationId) {
    const location = await db.location.findFirst({
      where: { id: query.locationId, organizationId: viewer.organizationId },
      select: { path: true },
    });
    and.push(location ? { location: { path: { startsWith: location.path } } } : { id: "" });
  }
  if (query.withinPaths) {
    and.push({ OR: query.withinPaths.map((path) => ({ location: { path: { startsWith: path } } })) });
  }

  const backwards = Boolean(query.before) && !query.after;
  const cursor = decodeCursor(backwards ? query.before : query.after, 2);
  if (cursor) {
    const [name, id] = cursor as [string, string];
    and.push(
      backwards
        ? { OR: [{ name: { lt: name } }, { name, id: { lt: id } }] }
        : { OR: [{ name: { gt: name } }, { name, id: { gt: id } }] },
    );
  }

  const rows = await db.user.findMany({
    where: { AND: and },
    orderBy: backwards ? [{ name: "desc" }, { id: "desc" }] : [{ name: "asc" }, { id: "asc" }],
    take: pageSize + 1,
    select: {
      id: true,
      name: true,
      username: true,
      email: true,
      active: true,
      isInternal: true,
      location: { select: { id: true, name: true, path: true } },
    },
  });
  const hasMore = rows.length > pageSize;
  const page: PersonRow[] = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: last && (backwards ? cursor !== null : hasMore) ? encodeCursor([last.name, last.id]) : null,
    prevCursor: first && (backwards ? hasMore : cursor !== null) ? encodeCursor([first.name, first.id]) : null,
  };
}

/** What the home page shows the viewer, scoped to the viewer's organization. */
export async function getHomeSummary({ db, viewer }: RequestContext) {
  const [me, people, assignedItems, boards] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: viewer.id },
      select: { organization: { select: { name: true } }, location: { select: { name: true } } },
    }),
    db.user.count({ where: { organizationId: viewer.organizationId, active: true } }),
    db.item.count({ where: { organizationId: viewer.organizationId, assigneeId: viewer.id, status: { not: "DONE" } } }),
    db.board.count({ where: { ownerId: viewer.id, deletedAt: null } }),
  ]);
  return { organizationName: me.organization.name, locationName: me.location.name, people, assignedItems, boards };
}

/** The viewer's home Location (the default for a new Item). */
export async function getHomeLocationId({ db, viewer }: RequestContext): Promise<string> {
  return (await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { locationId: true } })).locationId;
}
