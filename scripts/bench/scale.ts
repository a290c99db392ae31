// The workspace's read paths at scale: a large organization (by default 1,000,000 users, 1,000 of
// them administrators, and 10,000,000 Admin Timeline events; not the demo seed) in the benchmark's
// database, then the home page (it counts the people), People (first page, a search, a deep page)
// and the Admin Timeline (first page, a deep page, and filtered by type, by administrator and by the
// user an event is about), each timed as its administrator sees it on the production build.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { hashPassword } from "@/lib/auth/password";
import { encodeCursor } from "@/lib/pagination";
import { Client } from "../lib/http-client";
import { summarize, type Summary } from "./stats";

const ADMIN = { username: "bench-admin", password: "bench-admin-password" };
const FIRST = ["Avery","Blake","Casey","Dana","Eli","Fran","Gale","Harper","Indy","Jules","Kai","Lee","Morgan","Noel","Oakley","Parker","Quinn","Reese","Sage","Tatum","Umi","Val","Wren","Xan","Yael","Zion","Ana","Ben","Cleo","Dev","Eva","Finn","Gus","Hana","Ivo","Jon","Kim","Liv","Max","Nia","Otto","Pia","Ray","Sol","Tess","Uma","Vic","Wes","Yara","Zoe"];
const LAST = ["Smith","Jones","Brown","Taylor","Wilson","Davies","Evans","Thomas","Johnson","Roberts","Walker","Wright","Robinson","Thompson","White","Hughes","Edwards","Green","Hall","Wood","Harris","Lewis","Martin","Jackson","Clarke","Clark","Turner","Hill","Scott","Cooper","Morris","Ward","Moore","King","Watson","Baker","Harrison","Morgan","Patel","Young","Allen","Mitchell","James","Anderson","Phillips","Lee","Bell","Parker","Davis","Kelly","Shaw","Bennett","Carter","Cook","Murphy","Price","Bailey","Adams","Gray","Reed","Kim","Singh","Garcia","Nguyen","Lopez","Khan","Ali","Chen","Wang","Silva","Rossi","Muller","Novak","Dubois","Ortiz","Costa","Sato","Kowalski","Jensen","Larsen"];

const userId = (i: number) => `u${String(i).padStart(7, "0")}`;
const username = (i: number) => `user${String(i).padStart(7, "0")}`;
/** Realistic, repeating names: 50 first × 80 last names; one person in 50 is "Harper …". */
const nameOf = (i: number) => `${FIRST[(i * 7) % 50]} ${LAST[(i * 13) % 80]}`;
/** The administrators: one person in a thousand (never one of the deactivated, every 50th). */
const adminIndex = (k: number) => k * 1000 + 3;
/** Event types as an organization's Admin Timeline has them: mostly edits, a few rare kinds. */
function eventType(i: number): string {
  const r = i % 1000;
  if (r < 600) return "user.updated";
  if (r < 750) return "user.created";
  if (r < 850) return "user.deactivated";
  if (r < 930) return "permission.granted";
  if (r < 999) return "permission.revoked";
  return "user.reactivated";
}

export type ScaleFigures = { users: number; events: number; administrators: number; seedSeconds: number; pages: { label: string; latency: Summary }[] };

/** COPY … FROM STDIN of `count` rows, made by `row` (tab-separated text), streamed in chunks. */
async function copyRows(client: pg.Client, table: string, columns: string[], count: number, row: (i: number) => string) {
  const chunks = function* () {
    for (let start = 1; start <= count; start += 10_000) {
      const lines: string[] = [];
      for (let i = start; i < Math.min(start + 10_000, count + 1); i++) lines.push(row(i));
      yield `${lines.join("\n")}\n`;
    }
  };
  const columnList = columns.map((c) => `"${c}"`).join(", ");
  await pipeline(Readable.from(chunks()), client.query(copyFrom(`COPY "${table}" (${columnList}) FROM STDIN`)));
}

export async function seedLargeOrganization(url: string, users: number, events: number, log: (line: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const t0 = Date.now();
    const hash = await hashPassword(ADMIN.password);
    const now = new Date().toISOString();
    const administrators = Math.max(1, Math.min(1000, Math.floor((users - 3) / 1000) + 1));
    await client.query("BEGIN");
    await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    await client.query(`INSERT INTO "Organization" (id, name) VALUES ('bench-org', 'Bench Health')`);
    // A root, 10 campuses, 10 units under each: 111 Locations, with materialized paths.
    await client.query(`INSERT INTO "Location" (id, "organizationId", "parentId", name, path, depth)
                        VALUES ('loc-root', 'bench-org', NULL, 'Bench Health', '/loc-root/', 0)`);
    await client.query(`INSERT INTO "Location" (id, "organizationId", "parentId", name, path, depth)
                        SELECT 'loc-c' || c, 'bench-org', 'loc-root', 'Campus ' || c, '/loc-root/loc-c' || c || '/', 1
                          FROM generate_series(1, 10) c`);
    await client.query(`INSERT INTO "Location" (id, "organizationId", "parentId", name, path, depth)
                        SELECT 'loc-c' || c || '-u' || u, 'bench-org', 'loc-c' || c, 'Campus ' || c || ' Unit ' || u,
                               '/loc-root/loc-c' || c || '/loc-c' || c || '-u' || u || '/', 2
                          FROM generate_series(1, 10) c, generate_series(1, 10) u`);
    // Users, spread over the units; one in 50 deactivated. Through the product's own triggers (the
    // People search table is filled as it is in use).
    await copyRows(client, "User", ["id", "organizationId", "username", "name", "email", "locationId", "passwordHash", "active", "updatedAt"], users, (i) =>
      [userId(i), "bench-org", username(i), nameOf(i), `user${i}@bench.test`, `loc-c${1 + (i % 10)}-u${1 + (Math.floor(i / 10) % 10)}`, hash, i % 50 === 0 ? "f" : "t", now].join("\t"),
    );
    await client.query(
      `INSERT INTO "User" (id, "organizationId", username, name, email, "locationId", "passwordHash", "updatedAt")
       VALUES ('bench-admin', 'bench-org', $1, 'Bench Admin', 'admin@bench.test', 'loc-root', $2, now())`,
      [ADMIN.username, hash],
    );
    await client.query(`INSERT INTO "PermissionGrant" (id, "organizationId", "userId", permission)
                        VALUES ('g1', 'bench-org', 'bench-admin', 'GLOBAL_USER_ADMIN'), ('g2', 'bench-org', 'bench-admin', 'IMPERSONATE_USER')`);
    // The administrators: each a Local User Administrator of their campus.
    await client.query(
      `INSERT INTO "PermissionGrant" (id, "organizationId", "userId", permission, "locationId")
       SELECT 'ga' || k, 'bench-org', 'u' || lpad((k * 1000 + 3)::text, 7, '0'), 'LOCAL_USER_ADMIN', 'loc-c' || (1 + (k * 1000 + 3) % 10)
         FROM generate_series(0, $1::int - 1) k`,
      [administrators],
    );
    const seededUsers = Date.now();

    // The Admin Timeline: user management by the administrators over about two years (one event
    // every 6 seconds at 10 million). Loaded the way pg_restore loads a table: the secondary indexes
    // built once afterwards, and the foreign keys (valid by construction here) not checked row by row.
    const indexes = await client.query<{ indexname: string; indexdef: string }>(
      `SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'TimelineEvent' AND indexname <> 'TimelineEvent_pkey'`,
    );
    for (const { indexname } of indexes.rows) await client.query(`DROP INDEX "${indexname}"`);
    await client.query("SET LOCAL session_replication_role = replica");
    const details = JSON.stringify({ permission: "IMPERSONATE_USER", changes: { name: { from: "Old", to: "New" } } });
    const first = Number((await client.query<{ max: string | null }>(`SELECT max(id)::text AS max FROM "TimelineEvent"`)).rows[0]!.max ?? 0);
    const start = Date.now() - events * 6_000;
    await copyRows(client, "TimelineEvent", ["id", "organizationId", "scope", "type", "userId", "actorId", "subjectUserId", "details", "createdAt"], events, (i) => {
      const actor = userId(adminIndex((i * 31) % administrators));
      return [first + i, "bench-org", "ADMIN", eventType(i), actor, actor, userId(1 + ((i * 7919) % users)), details, new Date(start + i * 6_000).toISOString()].join("\t");
    });
    await client.query("SET LOCAL session_replication_role = origin");
    for (const { indexdef } of indexes.rows) await client.query(indexdef);
    await client.query(`SELECT setval(pg_get_serial_sequence('"TimelineEvent"', 'id'), $1::bigint)`, [first + events]);
    await client.query("COMMIT");
    const seededEvents = Date.now();
    await client.query("VACUUM ANALYZE");
    // The load's 6 GB were being written out by checkpoints for minutes afterwards, under the first
    // pages timed (the home page's p95 132 ms against a p50 of 37): flushed now, before any timing.
    await client.query("CHECKPOINT");
    const seedSeconds = (Date.now() - t0) / 1000;
    log(
      `Seeded ${users.toLocaleString("en")} users (${administrators} administrators) in ${((seededUsers - t0) / 1000).toFixed(1)} s, ` +
        `${events.toLocaleString("en")} timeline events in ${((seededEvents - seededUsers) / 1000).toFixed(1)} s, VACUUM ANALYZE and CHECKPOINT ${((Date.now() - seededEvents) / 1000).toFixed(1)} s.`,
    );

    const deepPerson = await client.query<{ name: string; id: string }>(
      `SELECT name, id FROM "User" WHERE "organizationId" = 'bench-org' AND active ORDER BY name, id OFFSET $1 LIMIT 1`,
      [Math.floor(users * 0.9 * 0.98)],
    );
    const deepEvent = await client.query<{ id: string }>(
      `SELECT id::text FROM "TimelineEvent" WHERE "organizationId" = 'bench-org' AND scope = 'ADMIN' ORDER BY id DESC OFFSET $1 LIMIT 1`,
      [Math.floor(events * 0.9)],
    );
    return {
      administrators,
      seedSeconds,
      /** An administrator and a user the filtered timeline pages ask about. */
      admin: { username: username(adminIndex(Math.floor(administrators / 2))), name: nameOf(adminIndex(Math.floor(administrators / 2))) },
      subject: { username: username(Math.ceil(users / 2)), name: nameOf(Math.ceil(users / 2)) },
      deepPeopleCursor: encodeCursor([deepPerson.rows[0]!.name, deepPerson.rows[0]!.id]),
      deepTimelineCursor: encodeCursor([deepEvent.rows[0]!.id]),
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}


export async function benchScale(
  base: string,
  ownerUrl: string,
  options: { users: number; events: number; requests: number; warmup: number; log: (line: string) => void },
): Promise<ScaleFigures> {
  const seeded = await seedLargeOrganization(ownerUrl, options.users, options.events, options.log);
  return { users: options.users, events: options.events, administrators: seeded.administrators, seedSeconds: seeded.seedSeconds, pages: await timeScalePages(base, seeded, options) };
}

/** Each read path, timed as the organization's Global User Administrator sees it. */
export async function timeScalePages(
  base: string,
  seeded: Awaited<ReturnType<typeof seedLargeOrganization>>,
  options: { requests: number; warmup: number; log: (line: string) => void },
): Promise<ScaleFigures["pages"]> {
  const admin = new Client(base);
  if ((await admin.signIn(ADMIN.username, ADMIN.password)).includes("error")) throw new Error("bench-admin could not sign in");
  const pages: [string, string, string][] = [
    ["/ (home: counts the people)", "/", "People in your organization"],
    ["/people (first page)", "/people", "Everyone in your organization."],
    ["/people (search)", "/people?q=harper", "Harper "],
    ["/people (deep page)", `/people?after=${seeded.deepPeopleCursor}`, "Previous"],
    ["/admin/timeline (first page)", "/admin/timeline", "Admin Timeline"],
    ["/admin/timeline (deep page)", `/admin/timeline?after=${seeded.deepTimelineCursor}`, "Previous"],
    ["/admin/timeline (a rare type)", "/admin/timeline?type=user.reactivated", "reactivated"],
    ["/admin/timeline (by an administrator)", `/admin/timeline?who=${seeded.admin.username}`, seeded.admin.name],
    ["/admin/timeline (about a user)", `/admin/timeline?subject=${seeded.subject.username}`, seeded.subject.name],
  ];
  const figures: ScaleFigures["pages"] = [];
  for (const [label, path, expectText] of pages) {
    const times: number[] = [];
    for (let i = 0; i < options.warmup + options.requests; i++) {
      const t0 = performance.now();
      const page = await admin.page(path);
      const ms = performance.now() - t0;
      if (page.status !== 200 || !page.text.includes(expectText)) {
        throw new Error(`${path}: HTTP ${page.status}${page.location ? ` → ${page.location}` : ""}, expected text "${expectText}" ${page.text.includes(expectText) ? "found" : "missing"}`);
      }
      if (i >= options.warmup) times.push(ms);
    }
    const latency = summarize(times);
    figures.push({ label, latency });
    options.log(`scale ${label.padEnd(30)} p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms`);
  }
  return figures;
}
