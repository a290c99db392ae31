// The People list (also User Management's): a row-value keyset on (name, id) in one SQL query. Every
// page, forwards and back, is exactly the database's own order with no one missed or shown twice
// (names repeat, so ties are broken by id); a search matches its text literally (% and _ are only
// characters), by any part of a name or username; filters and scopes hold; and another
// organization's people never appear.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { getHomeSummary, listPeople, type PeopleQuery, type PersonRow } from "@/lib/people/queries";
import { encodeCursor } from "@/lib/pagination";
import { contextFor } from "../support/context";
import { createTestDatabase } from "../support/database";

const { db } = await createTestDatabase("demo");
const gina = await contextFor(db, "gina");
const org = gina.viewer.organizationId;
const locations = Object.fromEntries((await db.location.findMany({ select: { id: true, name: true, path: true } })).map((l) => [l.name, l]));
const globex = await db.organization.findFirstOrThrow({ where: { name: "Globex" }, select: { id: true, locations: { select: { id: true }, take: 1 } } });

// 90 more people: repeating names (ties), some inactive, spread over the Locations; and names with
// the characters LIKE treats specially; and look-alikes in Globex.
const FIRST = ["Avery", "Blake", "Casey", "Dana", "Eli"];
const LAST = ["Smith", "Jones", "Brown"];
const homes = ["ICU", "North Campus", "South Campus", "Acme Health"];
await db.user.createMany({
  data: [
    ...Array.from({ length: 90 }, (_, i) => ({
      organizationId: org,
      username: `person${String(i).padStart(3, "0")}`,
      name: `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]}`,
      locationId: locations[homes[i % homes.length]!]!.id,
      passwordHash: "x",
      active: i % 7 !== 0,
    })),
    { organizationId: org, username: "percent", name: "Percy 100% Sure", locationId: locations.ICU!.id, passwordHash: "x" },
    { organizationId: org, username: "under_score", name: "Una Der_Score", locationId: locations.ICU!.id, passwordHash: "x" },
    { organizationId: org, username: "backslash", name: "Bex Back\\Slash", locationId: locations.ICU!.id, passwordHash: "x" },
    ...Array.from({ length: 10 }, (_, i) => ({
      organizationId: globex.id,
      username: `globex${i}`,
      name: `Avery Smith`,
      locationId: globex.locations[0]!.id,
      passwordHash: "x",
    })),
  ],
});

/** The database's own order of the people a query should show (a plain query, no keyset). */
async function expected(where: { active?: true; underPath?: string; ids?: string[] } = {}) {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT u.id FROM "User" u JOIN "Location" l ON l.id = u."locationId"
      WHERE u."organizationId" = $1 ${where.active ? "AND u.active" : ""} ${where.underPath ? "AND starts_with(l.path, $2)" : ""}
      ORDER BY u.name, u.id`,
    org,
    ...(where.underPath ? [where.underPath] : []),
  );
  return rows.map((r) => r.id).filter((id) => !where.ids || where.ids.includes(id));
}

/** Every page forwards, then back again from the last one; the ids of each. */
async function walk(query: PeopleQuery, pageSize: number) {
  const pages: PersonRow[][] = [];
  let after: string | undefined;
  for (let guard = 0; guard < 200; guard++) {
    const page = await listPeople(gina, { ...query, after }, pageSize);
    if (guard === 0) expect(page.prevCursor).toBeNull(); // the first page has no previous one
    pages.push(page.rows);
    if (!page.nextCursor) break;
    after = page.nextCursor;
  }
  // Back from the last page: "before" its first row, as its Previous link does.
  const backward: PersonRow[][] = [pages.at(-1)!];
  const first = pages.at(-1)![0];
  let before = pages.length > 1 && first ? encodeCursor([first.name, first.id]) : undefined;
  for (let guard = 0; guard < 200 && before; guard++) {
    const page = await listPeople(gina, { ...query, before }, pageSize);
    backward.unshift(page.rows);
    before = page.prevCursor ?? undefined;
  }
  const ids = (list: PersonRow[][]) => list.map((page) => page.map((r) => r.id));
  return { forward: ids(pages), backward: ids(backward) };
}

describe("the People list", () => {
  it("pages through everyone in the database's order, forwards and back, none missed or twice", async () => {
    for (const pageSize of [1, 7, 25]) {
      const { forward, backward } = await walk({}, pageSize);
      const all = forward.flat();
      expect(all).toEqual(await expected({ active: true }));
      expect(new Set(all).size).toBe(all.length);
      expect(backward).toEqual(forward);
      for (const page of forward.slice(0, -1)) expect(page).toHaveLength(pageSize);
    }
  });

  it("User Management's view: inactive people too, only within the administrator's Locations", async () => {
    const north = locations["North Campus"]!;
    const { forward } = await walk({ includeInactive: true, withinPaths: [north.path] }, 10);
    expect(forward.flat()).toEqual(await expected({ underPath: north.path }));
    expect((await listPeople(gina, { includeInactive: true, withinPaths: [] })).rows).toEqual([]);
    // A search (through PersonSearch) keeps to the same Locations, inactive people included.
    const averys = (await db.user.findMany({ where: { organizationId: org, name: { startsWith: "Avery" } }, select: { id: true } })).map((u) => u.id);
    const searched = await walk({ search: "avery", includeInactive: true, withinPaths: [north.path] }, 4);
    expect(searched.forward.flat()).toEqual(await expected({ underPath: north.path, ids: averys }));
    expect(searched.forward.flat().length).toBeGreaterThan(0);
    expect((await listPeople(gina, { search: "avery", includeInactive: true, withinPaths: [] })).rows).toEqual([]);
  });

  it("filters by Location (that one and below it), and an unknown or foreign Location shows no one", async () => {
    const north = locations["North Campus"]!;
    const { forward } = await walk({ locationId: north.id }, 9);
    expect(forward.flat()).toEqual(await expected({ active: true, underPath: north.path }));
    expect((await listPeople(gina, { locationId: "no-such-location" })).rows).toEqual([]);
    expect((await listPeople(gina, { locationId: globex.locations[0]!.id })).rows).toEqual([]);
  });

  it("searches any part of a name (any case) or username, with % _ and \\ matched literally", async () => {
    const names = async (search: string) => (await listPeople(gina, { search }, 200)).rows.map((r) => r.name);
    expect(await names("100%")).toEqual(["Percy 100% Sure"]);
    expect(await names("%")).toEqual(["Percy 100% Sure"]);
    expect(await names("_")).toEqual(["Una Der_Score"]);
    expect(await names("\\")).toEqual(["Bex Back\\Slash"]);
    expect(await names("UNDER_")).toEqual(["Una Der_Score"]); // by username, any case typed
    expect(new Set(await names("avery sm"))).toEqual(new Set(["Avery Smith"])); // (and none of Globex's Avery Smiths)
    expect(await names("avery sm")).toHaveLength(await db.user.count({ where: { organizationId: org, active: true, name: "Avery Smith" } }));
  });

  it("the home page counts the organization's active people exactly up to the cap, then says so", async () => {
    const active = await db.user.count({ where: { organizationId: org, active: true } });
    expect((await getHomeSummary(gina)).people).toBe(active.toLocaleString("en"));
    expect((await getHomeSummary(gina, active)).people).toBe(active.toLocaleString("en"));
    expect((await getHomeSummary(gina, active - 1)).people).toBe(`${(active - 1).toLocaleString("en")}+`);
  });

  it("a search sees every change at once: a new user, a rename, a new username, a move, a deactivation", async () => {
    const found = async (search: string, query: PeopleQuery = {}) => (await listPeople(gina, { ...query, search }, 200)).rows.map((r) => r.username);
    const icu = locations.ICU!;
    const south = locations["South Campus"]!;
    const user = await db.user.create({ data: { organizationId: org, username: "quilla", name: "Quilla Zephyr", locationId: icu.id, passwordHash: "x" } });
    expect(await found("zephyr")).toEqual(["quilla"]);
    await db.user.update({ where: { id: user.id }, data: { name: "Quilla Marsh" } });
    expect(await found("zephyr")).toEqual([]);
    expect(await found("marsh")).toEqual(["quilla"]);
    await db.user.update({ where: { id: user.id }, data: { username: "qmarsh" } });
    expect(await found("quilla")).toEqual(["qmarsh"]); // still by name
    expect(await found("qmars")).toEqual(["qmarsh"]);
    await db.user.update({ where: { id: user.id }, data: { locationId: south.id } });
    expect(await found("marsh", { locationId: icu.id })).toEqual([]);
    expect(await found("marsh", { locationId: south.id })).toEqual(["qmarsh"]);
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await found("marsh")).toEqual([]);
    expect(await found("marsh", { includeInactive: true })).toEqual(["qmarsh"]);
    await db.user.delete({ where: { id: user.id } });
    expect(await db.$queryRaw`SELECT 1 FROM "PersonSearch" WHERE id = ${user.id}`).toEqual([]);
  });

  it("any search and page size: the pages are the matching people in order, and never another organization's", async () => {
    const everyone = await db.user.findMany({ where: { organizationId: org, active: true }, select: { id: true, name: true, username: true } });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("a", "sm", "ey", "Bro", "00", "x", "%", "_", "eli j", "person01"), fc.integer({ min: 1, max: 30 }), async (search, pageSize) => {
        const matching = everyone
          .filter((u) => u.name.toLowerCase().includes(search.toLowerCase()) || u.username.includes(search.toLowerCase()))
          .map((u) => u.id);
        const { forward } = await walk({ search }, pageSize);
        expect(forward.flat()).toEqual(await expected({ active: true, ids: matching }));
      }),
      { numRuns: 25 },
    );
  });
});
