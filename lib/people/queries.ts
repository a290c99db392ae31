// Named reads about people, each scoped to the viewer's organization inside: no page can forget
// the tenant.
import "server-only";
import type { RequestContext } from "@/lib/context";
import { Prisma } from "@/lib/generated/prisma/client";
import { decodeCursor, keysetPage } from "@/lib/pagination";

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

/** `text` for LIKE / ILIKE, matched literally: its own %, _ and backslash escaped. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

type PersonSqlRow = Omit<PersonRow, "location"> & { locationId: string; locationName: string; locationPath: string };

/**
 * A page of people, in name order, scoped to the viewer's organization. One SQL query: a row-value
 * keyset on (name, id) — `(name, id) > (…)` — that the (organizationId, name, id) index serves as a
 * range, so the 4,000th page costs what the first does; a search by part of a name or username is
 * served by the trigram index (pg_trgm) of "PersonSearch".
 */
export async function listPeople({ db, viewer }: Pick<RequestContext, "db" | "viewer">, query: PeopleQuery, pageSize = PEOPLE_PAGE_SIZE) {
  // A search of 3 characters or more is selective through trigrams: it finds its matches in the
  // narrow "PersonSearch" rows (a trigger keeps them), orders them and keeps a page there, then
  // reads the page's 26 users. Shorter terms, which trigrams cannot serve, are left to the planner
  // on "User" (it walks the name index and filters).
  const narrow = Boolean(query.search && query.search.length >= 3);
  const where: Prisma.Sql[] = [Prisma.sql`u."organizationId" = ${viewer.organizationId}`];
  if (!query.includeInactive) where.push(Prisma.sql`u.active`);
  if (query.search && narrow) {
    where.push(Prisma.sql`u.haystack LIKE lower(${`%${likeLiteral(query.search)}%`})`);
  } else if (query.search) {
    where.push(Prisma.sql`(u.name ILIKE ${`%${likeLiteral(query.search)}%`} OR u.username LIKE ${`%${likeLiteral(query.search.toLowerCase())}%`})`);
  }
  if (query.locationId) {
    where.push(
      Prisma.sql`l.path LIKE (SELECT replace(replace(replace(p.path, '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'
                                FROM "Location" p WHERE p.id = ${query.locationId} AND p."organizationId" = ${viewer.organizationId})`,
    );
  }
  if (query.withinPaths) {
    const paths = query.withinPaths.map((path) => Prisma.sql`l.path LIKE ${`${likeLiteral(path)}%`}`);
    where.push(paths.length ? Prisma.sql`(${Prisma.join(paths, " OR ")})` : Prisma.sql`FALSE`);
  }

  const backwards = Boolean(query.before) && !query.after;
  const cursor = decodeCursor(backwards ? query.before : query.after, 2);
  if (cursor) {
    const [name, id] = cursor as [string, string];
    where.push(backwards ? Prisma.sql`(u.name, u.id) < (${name}, ${id})` : Prisma.sql`(u.name, u.id) > (${name}, ${id})`);
  }
  const order = backwards ? Prisma.sql`u.name DESC, u.id DESC` : Prisma.sql`u.name, u.id`;
  const columns = Prisma.sql`u.id, u.name, u.username, u.email, u.active, u."isInternal",
           l.id AS "locationId", l.name AS "locationName", l.path AS "locationPath"`;
  // The same conditions over either table: "PersonSearch" has the columns they name (aliased u).
  const rows = await db.$queryRaw<PersonSqlRow[]>(
    narrow
      ? Prisma.sql`
    SELECT ${columns}
      FROM "User" u JOIN "Location" l ON l.id = u."locationId"
     WHERE u.id IN (SELECT u.id FROM "PersonSearch" u JOIN "Location" l ON l.id = u."locationId"
                     WHERE ${Prisma.join(where, " AND ")} ORDER BY ${order} LIMIT ${pageSize + 1})
     ORDER BY ${order}`
      : Prisma.sql`
    SELECT ${columns}
      FROM "User" u JOIN "Location" l ON l.id = u."locationId"
     WHERE ${Prisma.join(where, " AND ")} ORDER BY ${order} LIMIT ${pageSize + 1}`,
  );

  const found: PersonRow[] = rows.map(({ locationId, locationName, locationPath, ...person }) => ({
    ...person,
    location: { id: locationId, name: locationName, path: locationPath },
  }));
  const { page, nextCursor, prevCursor } = keysetPage(found, pageSize, { backwards, paged: cursor !== null, key: (p) => [p.name, p.id] });
  return { rows: page, nextCursor, prevCursor };
}

/**
 * The home page counts the organization's people up to this many, then says "10,000+": an exact
 * count reads every row (0.3 s at a million users, on every home page of everyone).
 */
export const PEOPLE_COUNT_CAP = 10_000;

/** What the home page shows the viewer, scoped to the viewer's organization. */
export async function getHomeSummary({ db, viewer }: RequestContext, peopleCap = PEOPLE_COUNT_CAP) {
  const [me, people, assignedItems, boards] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: viewer.id },
      select: { organization: { select: { name: true } }, location: { select: { name: true } } },
    }),
    db.user.count({ where: { organizationId: viewer.organizationId, active: true }, take: peopleCap + 1 }),
    db.item.count({ where: { organizationId: viewer.organizationId, assigneeId: viewer.id, status: { not: "DONE" } } }),
    db.board.count({ where: { ownerId: viewer.id, deletedAt: null } }),
  ]);
  return {
    organizationName: me.organization.name,
    locationName: me.location.name,
    people: people > peopleCap ? `${peopleCap.toLocaleString("en")}+` : people.toLocaleString("en"),
    assignedItems,
    boards,
  };
}

/** The viewer's home Location (the default for a new Item). */
export async function getHomeLocationId({ db, viewer }: RequestContext): Promise<string> {
  return (await db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { locationId: true } })).locationId;
}
