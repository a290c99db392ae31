// A fresh database per test file, cloned from a template made by the global setup.
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { EMBEDDED_APP_ROLE } from "@/scripts/lib/database";
import { deployMigrations } from "@/scripts/lib/deploy";
import { listMigrationNames, migrationsDir } from "@/scripts/lib/migrations";
import { withCredentials } from "@/scripts/lib/roles";

/** `url`: the owner's connection; `appUrl`: the app's role, with only the app's privileges. */
export type TestDatabase = { url: string; appUrl: string; db: PrismaClient };

async function admin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject("pgAdminUrl") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** Creates a database from `template` ("demo": migrated and seeded; "migrated"; "empty") and drops it after the file. */
export async function createTestDatabase(template: "demo" | "migrated" | "empty" = "demo"): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  const source = template === "empty" ? "template0" : `kaizen_${template}`;
  await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${source}`));
  const url = inject("pgAdminUrl").replace(/\/[^/]*$/, `/${name}`);
  const db = createPrismaClient(url, { max: 4 });
  afterAll(async () => {
    await db.$disconnect();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  return { url, appUrl: withCredentials(url, EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password), db };
}

/** A database with every migration but the latest: production before a pull request's migration ships. */
export async function createDatabaseBehindLatest(): Promise<TestDatabase & { migrations: string[] }> {
  const database = await createTestDatabase("empty");
  const migrations = await listMigrationNames();
  const older = await mkdtemp(path.join(os.tmpdir(), "kaizen-migrations-"));
  try {
    for (const name of migrations.slice(0, -1)) await cp(path.join(migrationsDir, name), path.join(older, name), { recursive: true });
    await deployMigrations(database.url, { dir: older });
  } finally {
    await rm(older, { recursive: true, force: true });
  }
  return { ...database, migrations };
}

/** The names in _prisma_migrations, in order. */
export async function appliedMigrations(db: PrismaClient): Promise<string[]> {
  return (await db.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name`).map((r) => r.migration_name);
}
