// npm run bench: the workspace's read paths at scale, on the production build. Seeds a large
// organization into its own embedded PostgreSQL (100,000 users, 1,000,000 timeline events; not the
// demo seed), signs in through Auth.js, then times /people (first page, a search, a deep page) and
// /admin/timeline (first and a deep page) and prints p50 / p95 per page. Target: p95 < 200 ms.
//
// Options (environment): BENCH_USERS, BENCH_EVENTS, BENCH_REQUESTS (per page, default 60),
// BENCH_SKIP_BUILD=1 to reuse the last build.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { hashPassword } from "@/lib/auth/password";
import { encodeCursor } from "@/lib/validations/common";
import { testDataRoot } from "./lib/paths";
import { ensureDatabase, isPortFree, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { applyMigrations, projectRoot } from "./lib/migrations";

const USERS = Number(process.env.BENCH_USERS ?? 100_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 60);
const WARMUP = 5;
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const TARGET_P95_MS = 200;
const ADMIN = { username: "bench-admin", password: "bench-admin-password" };

const log = (line: string) => console.log(`[bench] ${line}`);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: "inherit" });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function seedLargeOrganization(url: string) {
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
    [hash, USERS],
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
    [USERS, EVENTS],
  );
  await client.query("COMMIT");
  await client.query("VACUUM ANALYZE");
  log(`Seeded ${USERS.toLocaleString()} users and ${EVENTS.toLocaleString()} timeline events in ${((Date.now() - t0) / 1000).toFixed(1)} s.`);

  const deepPerson = await client.query<{ name: string; id: string }>(
    `SELECT name, id FROM "User" WHERE "organizationId" = 'bench-org' AND active ORDER BY name, id OFFSET $1 LIMIT 1`,
    [Math.floor(USERS * 0.9 * 0.98)],
  );
  const deepEvent = await client.query<{ id: string }>(
    `SELECT id::text FROM "TimelineEvent" WHERE "organizationId" = 'bench-org' AND scope = 'ADMIN' ORDER BY id DESC OFFSET $1 LIMIT 1`,
    [Math.floor(EVENTS * 0.9)],
  );
  await client.end();
  return {
    deepPeopleCursor: encodeCursor([deepPerson.rows[0]!.name, deepPerson.rows[0]!.id]),
    deepTimelineCursor: encodeCursor([deepEvent.rows[0]!.id]),
  };
}

async function signIn(base: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  // Middleware and route handler may each set a CSRF cookie: the route handler's (last) one counts.
  const jar = new Map(csrf.headers.getSetCookie().map((c) => c.split(";")[0]!.split(/=(.*)/s).slice(0, 2) as [string, string]));
  const cookies = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookies },
    body: new URLSearchParams({ csrfToken, username: ADMIN.username, password: ADMIN.password, callbackUrl: `${base}/` }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`Sign-in failed (HTTP ${response.status}).`);
  return session.split(";")[0]!;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(base: string, cookie: string, pagePath: string, expectText: string) {
  const once = async () => {
    const t0 = performance.now();
    const response = await fetch(`${base}${pagePath}`, { headers: { cookie }, redirect: "manual" });
    const body = await response.text();
    const ms = performance.now() - t0;
    if (response.status !== 200 || !body.includes(expectText)) {
      throw new Error(`${pagePath}: HTTP ${response.status}, expected text "${expectText}" ${body.includes(expectText) ? "found" : "missing"}`);
    }
    return ms;
  };
  for (let i = 0; i < WARMUP; i++) await once();
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i++) times.push(await once());
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
}

const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (process.env.BENCH_SKIP_BUILD !== "1") {
  log("Building the production bundle ...");
  if ((await run(process.execPath, [path.join(projectRoot, "node_modules/next/dist/bin/next"), "build"], env)) !== 0) process.exit(1);
}
if (!(await isPortFree(PORT))) {
  console.error(`[bench] Port ${PORT} is in use; set BENCH_PORT.`);
  process.exit(1);
}

const dir = await mkdtemp(path.join(await testDataRoot(), "bench-"));
const postgres = await startEmbeddedPostgres({
  dataDir: path.join(dir, "pg"),
  port: 55_600,
  ephemeral: true,
  log: process.env.BENCH_PG_LOG ? (line) => process.stderr.write(`[postgres] ${line}`) : undefined,
});
let server: ChildProcess | undefined;
let exitCode = 0;
try {
  await ensureDatabase(postgres.url("postgres"), "kaizen_bench");
  const url = postgres.url("kaizen_bench");
  await applyMigrations(url);
  const cursors = await seedLargeOrganization(url);

  server = spawn(process.execPath, [path.join(projectRoot, "scripts", "start.mjs")], {
    cwd: projectRoot,
    env: { ...env, DATABASE_URL: url, AUTH_SECRET: randomBytes(33).toString("base64"), AUTH_TRUST_HOST: "true", EMAIL_TRANSPORT: "log", PORT: String(PORT) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${base}/sign-in`);
      break;
    } catch {
      if (i > 240) throw new Error("The server did not start.");
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  const cookie = await signIn(base);

  const pages: [string, string, string][] = [
    ["/people (first page)", "/people", "Everyone in your organization."],
    ["/people (search)", "/people?q=harper", "Harper "],
    ["/people (deep page)", `/people?after=${cursors.deepPeopleCursor}`, "Previous"],
    ["/admin/timeline (first page)", "/admin/timeline", "Admin Timeline"],
    ["/admin/timeline (deep page)", `/admin/timeline?after=${cursors.deepTimelineCursor}`, "Bench Admin"],
  ];
  const rows: string[] = [];
  for (const [label, pagePath, expectText] of pages) {
    const r = await measure(base, cookie, pagePath, expectText);
    const ok = r.p95 < TARGET_P95_MS;
    if (!ok) exitCode = 1;
    rows.push(`${label.padEnd(32)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}   ${ok ? "ok" : "MISSED"}`);
  }
  console.log(
    `\nKaizen Hub read paths — ${USERS.toLocaleString()} users, ${EVENTS.toLocaleString()} timeline events, ` +
      `${REQUESTS} sequential requests per page after ${WARMUP} warm-up (production build, ${process.platform}, ${(await import("node:os")).cpus().length} cores)\n`,
  );
  console.log(`${"page".padEnd(32)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}   p95 < ${TARGET_P95_MS} ms`);
  console.log(rows.join("\n"));
} finally {
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((r) => server!.once("exit", r));
  }
  await postgres.stop().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
