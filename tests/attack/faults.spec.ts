// PostgreSQL stops while requests are running, and starts again: requests fail with a clear page or
// a 401/503 (never a stack trace), the app recovers without a restart, and nothing is half-written.
// This file runs its own database and production server, so it can stop the one and watch the other.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { createPrismaClient } from "@/lib/db/create-client";
import { seedDemo } from "@/prisma/seed";
import { EMBEDDED_APP_ROLE, prepareDatabase } from "@/scripts/lib/database";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "@/scripts/lib/embedded-postgres";
import { projectRoot } from "@/scripts/lib/migrations";
import { testDataRoot } from "@/scripts/lib/paths";
import { ensureAppRole, withCredentials } from "@/scripts/lib/roles";
import { fillSignIn } from "../support/e2e";
import { Client } from "../support/attack";

// Below every system's ephemeral range (Linux 32768-60999, macOS 49152-65535): while the server is
// down, the app's own reconnects could otherwise be given this port as their source and hold it.
const PG_PORT = 31_800;
const APP_PORT = Number(process.env.E2E_PORT ?? 3100) + 5;

test("PostgreSQL stopped and restarted under load: clear failures, recovery without a restart, nothing half-written", async ({ page }) => {
  test.setTimeout(240_000);
  const dir = await mkdtemp(path.join(await testDataRoot(), "faults-"));
  const dataDir = path.join(dir, "pg");
  let postgres: RunningPostgres = await startEmbeddedPostgres({ dataDir, port: PG_PORT });
  let server: ChildProcess | undefined;
  try {
    await ensureDatabase(postgres.url("postgres"), "faults");
    await ensureAppRole(postgres.url("postgres"), EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password);
    const ownerUrl = postgres.url("faults");
    const appUrl = withCredentials(ownerUrl, EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password);
    await prepareDatabase({ ownerUrl, appUrl }, { seed: false });
    const seedDb = createPrismaClient(ownerUrl, { max: 1 });
    await seedDemo(seedDb);
    await seedDb.$disconnect();

    let output = "";
    server = spawn(process.execPath, [path.join(projectRoot, "scripts", "start.mjs")], {
      cwd: projectRoot,
      env: {
        ...process.env,
        NODE_ENV: "production",
        DATABASE_URL: appUrl,
        AUTH_SECRET: randomBytes(33).toString("base64"),
        AUTH_TRUST_HOST: "true",
        EMAIL_TRANSPORT: "log",
        PORT: String(APP_PORT),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (c: Buffer) => (output += c.toString()));
    server.stderr!.on("data", (c: Buffer) => (output += c.toString()));
    const base = `http://127.0.0.1:${APP_PORT}`;
    await expect.poll(async () => (await fetch(`${base}/sign-in`).catch(() => null))?.status ?? 0, { timeout: 60_000 }).toBe(200);

    const jane = new Client(base);
    expect(await jane.signIn("jane")).not.toContain("error");
    const lookup = new pg.Client({ connectionString: ownerUrl });
    await lookup.connect();
    const [icu] = (await lookup.query<{ id: string }>(`SELECT id FROM "Location" WHERE name = 'ICU'`)).rows;
    await lookup.end();

    // Load: pages and changes, round and round, while the database goes away and comes back.
    const answers: { status: number; text: string; phase: string }[] = [];
    let phase = "up";
    let running = true;
    let n = 0;
    const load = (async () => {
      while (running) {
        n++;
        const page = await jane.page("/items").catch((e: Error) => ({ status: 0, text: String(e), location: null }));
        answers.push({ ...page, phase });
        const change = await jane
          .action("/items/new", "createItemAction", { title: `fault ${n}`, description: "", locationId: icu!.id, assigneeId: "" })
          .catch((e: Error) => ({ status: 0, text: String(e), location: null }));
        answers.push({ ...change, phase });
      }
    })();

    await new Promise((r) => setTimeout(r, 2_000));
    phase = "down";
    await postgres.stop();
    await new Promise((r) => setTimeout(r, 4_000));
    phase = "restarting";
    postgres = await startEmbeddedPostgres({ dataDir, port: PG_PORT, exactPort: true });
    expect(postgres.port).toBe(PG_PORT);
    phase = "back";
    // Recovery: the same server answers signed-in pages again, with no restart.
    await expect
      .poll(async () => {
        const page = await jane.page("/items");
        return page.status === 200 && page.text.includes("Items");
      }, { timeout: 30_000 })
      .toBe(true);
    await new Promise((r) => setTimeout(r, 1_000));
    running = false;
    await load;

    expect(server.exitCode, `the server kept running\n${output.slice(-2000)}`).toBeNull();
    const down = answers.filter((a) => a.phase === "down");
    expect(down.length).toBeGreaterThan(0);
    for (const a of answers) {
      expect(a.status, `${a.phase}: ${a.text.slice(0, 200)}`).not.toBe(0); // always an answer
      expect([200, 303, 307, 401, 500, 503], `${a.phase}: HTTP ${a.status}`).toContain(a.status);
      expect(a.text, a.phase).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)|PrismaClient|ECONNREFUSED|node_modules/);
    }
    // A failed page is the app's own error page, not a blank or a raw error: rendered on the server
    // when the root layout failed (global-error.tsx), or, when a page's own query failed after the
    // layout's, Next's error document, which the browser turns into app/error.tsx (checked below).
    const failedPages = down.filter((a) => a.status >= 500 && a.text.includes("<html"));
    for (const failed of failedPages) expect(failed.text).toMatch(/Something went wrong|id="__next_error__"/);

    // Nothing half-written: every Item has its creation in the history, and no event points nowhere.
    const check = new pg.Client({ connectionString: ownerUrl });
    await check.connect();
    const orphans = await check.query(`SELECT i.id FROM "Item" i WHERE NOT EXISTS (SELECT 1 FROM "TimelineEvent" e WHERE e."itemId" = i.id AND e.type = 'item.created')`);
    const made = await check.query(`SELECT count(*)::int AS n FROM "Item" WHERE title LIKE 'fault %'`);
    expect(orphans.rows).toEqual([]);
    expect(made.rows[0].n).toBeGreaterThan(0);
    // The page's own query failing, the layout's not (timing alone makes this rare above): the
    // browser shows the app's error page, with nothing of the error.
    await page.goto(`${base}/sign-in`);
    await fillSignIn(page, "jane");
    await expect(page.getByTestId("current-user")).toBeVisible();
    await check.query(`REVOKE SELECT ON "Item" FROM ${EMBEDDED_APP_ROLE.user}`);
    const response = await page.goto(`${base}/items`);
    expect(response?.status()).toBe(500);
    await expect(page.getByRole("heading", { name: "Something went wrong" })).toBeVisible();
    await expect(page.locator("body")).not.toContainText(/permission denied|Prisma|relation/);
    await check.query(`GRANT SELECT ON "Item" TO ${EMBEDDED_APP_ROLE.user}`);
    await check.end();
    console.log(`[faults] ${answers.length} requests (${down.length} while PostgreSQL was down): every answer clear, recovered without a restart, ${made.rows[0].n} Items made, none half-written`);
  } finally {
    if (server && server.exitCode === null) {
      server.kill("SIGTERM");
      await new Promise((r) => server!.once("exit", r));
    }
    await postgres.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});
