// Named reads about people, each scoped to the viewer's organization inside: no page can forget
// the tenant. Keyset pagination on (name, id), so the 5,000th page costs what the first does.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { decodeCursor, encodeCursor } from "@/lib/validations/common";

type Db = Pick<PrismaClient, "user" | "location">;

export const PEOPLE_PAGE_SIZE = 25;

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

export async function listPeople(db: Db, viewer: { organizationId: string }, query: PeopleQuery, pageSize = PEOPLE_PAGE_SIZE) {
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

/** The organization's Locations in tree order, with their depth, for pickers and filters. */
export async function listLocations(db: Db, viewer: { organizationId: string }) {
  const locations = await db.location.findMany({
    where: { organizationId: viewer.organizationId },
    select: { id: true, name: true, path: true, depth: true, parentId: true },
  });
  // Sort by the chain of names from the root, so children follow their parent alphabetically.
  const byId = new Map(locations.map((l) => [l.id, l]));
  const chain = (l: (typeof locations)[number]): string =>
    l.path
      .split("/")
      .filter(Boolean)
      .map((id) => byId.get(id)?.name ?? "")
      .join("\u0000");
  return locations.sort((a, b) => chain(a).localeCompare(chain(b)));
}
