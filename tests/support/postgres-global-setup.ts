// One embedded PostgreSQL for the integration run, with two template databases made once:
// `kaizen_migrated` (migrations applied) and `kaizen_demo` (plus the demo seed). Each test file
// clones the one it needs (CREATE DATABASE … TEMPLATE, a file copy: milliseconds), so files are
// isolated from each other and can run in parallel.
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { createPrismaClient } from "@/lib/db/create-client";
import { seedDemo } from "@/prisma/seed";
import { ensureDatabase, startEmbeddedPostgres } from "@/scripts/lib/embedded-postgres";
import { EMBEDDED_APP_ROLE } from "@/scripts/lib/database";
import { applyMigrations } from "@/scripts/lib/migrations";
import { ensureAppRole, grantAppRole } from "@/scripts/lib/roles";
import { testDataRoot } from "@/scripts/lib/paths";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_ADMIN_URL;
  let stop = async () => {};
  let adminUrl: string;
  if (external) {
    adminUrl = external;
  } else {
    const dir = await mkdtemp(path.join(await testDataRoot(), "integration-"));
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 55_400, ephemeral: true });
    adminUrl = server.url("postgres");
    stop = async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }

  const at = (database: string) => adminUrl.replace(/\/[^/]*$/, `/${database}`);
  const dropTemplates = async () => {
    const pg = (await import("pg")).default;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query("DROP DATABASE IF EXISTS kaizen_migrated WITH (FORCE)");
    await client.query("DROP DATABASE IF EXISTS kaizen_demo WITH (FORCE)");
    await client.end();
  };
  await dropTemplates();
  await ensureDatabase(adminUrl, "kaizen_migrated");
  await applyMigrations(at("kaizen_migrated"));
  // The app's own role, with the privileges the app gets (cloned databases keep the grants).
  await ensureAppRole(adminUrl, EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password);
  await grantAppRole(at("kaizen_migrated"), EMBEDDED_APP_ROLE.user);
  await ensureDatabase(adminUrl, "kaizen_demo", "kaizen_migrated");
  const db = createPrismaClient(at("kaizen_demo"), { max: 2 });
  await seedDemo(db);
  await db.$disconnect();

  project.provide("pgAdminUrl", adminUrl);
  return async () => {
    if (external) await dropTemplates();
    await stop();
  };
}
