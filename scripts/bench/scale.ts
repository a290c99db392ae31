// The workspace's read paths at scale: a large organization (by default 100,000 users and
// 1,000,000 Admin Timeline events; not the demo seed) in the benchmark's database, then People
// (first page, a search, a deep page) and the Admin Timeline (first and a deep page), each timed
// as its administrator sees it on the production build.
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { encodeCursor } from "@/lib/pagination";
import { Client } from "../lib/http-client";
import { summarize, type Summary } from "./stats";

const ADMIN = { username: "bench-admin", password: "bench-admin-password" };

export type ScaleFigures = { users: number; events: number; pages: { label: string; latency: Summary }[] };

export async function seedLargeOrganization(url: string, users: number, events: number, log: (line: string) => void) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const t0 = Date.now();
  const hash = await hashPassword(ADMIN.password);
  await client.query("BEGIN");
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
  // Users: realistic, repeating names (50 first × 80 last names), spread over the units.
  await client.query(
    `WITH first AS (SELECT array['Avery','Blake','Casey','Dana','Eli','Fran','Gale','Harper','Indy','Jules','Kai','Lee','Morgan','Noel','Oakley','Parker','Quinn','Reese','Sage','Tatum','Umi','Val','Wren','Xan','Yael','Zion','Ana','Ben','Cleo','Dev','Eva','Finn','Gus','Hana','Ivo','Jon','Kim','Liv','Max','Nia','Otto','Pia','Ray','Sol','Tess','Uma','Vic','Wes','Yara','Zoe'] AS a),
          last AS (SELECT array['Smith','Jones','Brown','Taylor','Wilson','Davies','Evans','Thomas','Johnson','Roberts','Walker','Wright','Robinson','Thompson','White','Hughes','Edwards','Green','Hall','Wood','Harris','Lewis','Martin','Jackson','Clarke','Clark','Turner','Hill','Scott','Cooper','Morris','Ward','Moore','King','Watson','Baker','Harrison','Morgan','Patel','Young','Allen','Mitchell','James','Anderson','Phillips','Lee','Bell','Parker','Davis','Kelly','Shaw','Bennett','Carter','Cook','Murphy','Price','Bailey','Adams','Gray','Reed','Kim','Singh','Garcia','Nguyen','Lopez','Khan','Ali','Chen','Wang','Silva','Rossi','Muller','Novak','Dubois','Ortiz','Costa','Sato','Kowalski','Jensen','Larsen'] AS a)
     INSERT INTO "User" (id, "organizationId", username, name, email, "locationId", "passwordHash", active, "updatedAt")
     SELECT 'u' || lpad(i::text, 7, '0'), 'bench-org', 'user' || lpad(i::text, 7, '0'),
            first.a[1 + (i::bigint * 7) % 50] || ' ' || last.a[1 + (i::bigint * 13) % 80],
            'user' || i || '@bench.test',
            'loc-c' || (1 + i % 10) || '-u' || (1 + (i / 10) % 10),
            $1, i % 50 <> 0, now()
       FROM generate_series(1, $2::int) i, first, last`,
    [hash, users],
  );
  await client.query(
    `INSERT INTO "User" (id, "organizationId", username, name, email, "locationId", "passwordHash", "updatedAt")
     VALUES ('bench-admin', 'bench-org', $1, 'Bench Admin', 'admin@bench.test', 'loc-root', $2, now())`,
    [ADMIN.username, hash],
  );
  await client.query(`INSERT INTO "PermissionGrant" (id, "organizationId", "userId", permission)
                      VALUES ('g1', 'bench-org', 'bench-admin', 'GLOBAL_USER_ADMIN'), ('g2', 'bench-org', 'bench-admin', 'IMPERSONATE_USER')`);
  // Admin Timeline: a million user-management events over about two years.
  await client.query(
    `INSERT INTO "TimelineEvent" ("organizationId", scope, type, "userId", "actorId", "subjectUserId", details, "createdAt")
     SELECT 'bench-org', 'ADMIN',
            (array['user.created','user.updated','permission.granted','permission.revoked','user.deactivated','user.reactivated'])[1 + i % 6],
            'bench-admin', 'bench-admin', 'u' || lpad((1 + (i::bigint * 7919) % $1::int)::text, 7, '0'),
            jsonb_build_object('permission', 'IMPERSONATE_USER', 'changes', jsonb_build_object('name', jsonb_build_object('from', 'Old', 'to', 'New'))),
            now() - ((($2::int - i) * 60)::text || ' seconds')::interval
       FROM generate_series(1, $2::int) i`,
    [users, events],
  );
  await client.query("COMMIT");
  await client.query("VACUUM ANALYZE");
  log(`Seeded ${users.toLocaleString()} users and ${events.toLocaleString()} timeline events in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);

  const deepPerson = await client.query<{ name: string; id: string }>(
    `SELECT name, id FROM "User" WHERE "organizationId" = 'bench-org' AND active ORDER BY name, id OFFSET $1 LIMIT 1`,
    [Math.floor(users * 0.9 * 0.98)],
  );
  const deepEvent = await client.query<{ id: string }>(
    `SELECT id::text FROM "TimelineEvent" WHERE "organizationId" = 'bench-org' AND scope = 'ADMIN' ORDER BY id DESC OFFSET $1 LIMIT 1`,
    [Math.floor(events * 0.9)],
  );
  await client.end();
  return {
    deepPeopleCursor: encodeCursor([deepPerson.rows[0]!.name, deepPerson.rows[0]!.id]),
    deepTimelineCursor: encodeCursor([deepEvent.rows[0]!.id]),
  };
}


export async function benchScale(
  base: string,
  ownerUrl: string,
  options: { users: number; events: number; requests: number; warmup: number; log: (line: string) => void },
): Promise<ScaleFigures> {
  const cursors = await seedLargeOrganization(ownerUrl, options.users, options.events, options.log);
  const admin = new Client(base);
  if ((await admin.signIn(ADMIN.username, ADMIN.password)).includes("error")) throw new Error("bench-admin could not sign in");
  const pages: [string, string, string][] = [
    ["/people (first page)", "/people", "Everyone in your organization."],
    ["/people (search)", "/people?q=harper", "Harper "],
    ["/people (deep page)", `/people?after=${cursors.deepPeopleCursor}`, "Previous"],
    ["/admin/timeline (first page)", "/admin/timeline", "Admin Timeline"],
    ["/admin/timeline (deep page)", `/admin/timeline?after=${cursors.deepTimelineCursor}`, "Bench Admin"],
  ];
  const figures: ScaleFigures = { users: options.users, events: options.events, pages: [] };
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
    figures.pages.push({ label, latency });
    options.log(`scale ${label.padEnd(30)} p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms`);
  }
  return figures;
}
