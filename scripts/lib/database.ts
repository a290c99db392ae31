// "The database this project runs on": DATABASE_URL when set, otherwise the embedded PostgreSQL
// (started here, data kept in a git-ignored folder and reused across runs).
import { createPrismaClient } from "@/lib/db/create-client";
import { isDatabaseEmpty, seedDemo } from "@/prisma/seed";
import { defaultDataDir, ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations, projectRoot } from "./migrations";

const EMBEDDED_DATABASE = "kaizen";

export type ProjectDatabase = { url: string; embedded: boolean; stop(): Promise<void> };

export async function openProjectDatabase(log: (line: string) => void = () => {}): Promise<ProjectDatabase> {
  const external = process.env.DATABASE_URL?.trim();
  if (external) return { url: external, embedded: false, stop: async () => {} };

  const dataDir = process.env.EMBEDDED_POSTGRES_DIR?.trim() || defaultDataDir(projectRoot, "postgres");
  log(`Starting the embedded PostgreSQL (data in ${dataDir}) ...`);
  const server = await startEmbeddedPostgres({ dataDir });
  await ensureDatabase(server.url("postgres"), EMBEDDED_DATABASE);
  log(`PostgreSQL is listening on 127.0.0.1:${server.port}.`);
  return { url: server.url(EMBEDDED_DATABASE), embedded: true, stop: () => server.stop() };
}

/**
 * Applies pending migrations, then seeds the demo organization into an empty database when asked:
 * always for the embedded default, and for your own database only with SEED_DEMO_DATA=true (its
 * users share a published password: never on a real deployment).
 */
export async function prepareDatabase(
  url: string,
  options: { seed: boolean },
  log: (line: string) => void = () => {},
): Promise<void> {
  const applied = await applyMigrations(url);
  log(applied.length ? `Applied migrations: ${applied.join(", ")}.` : "Migrations are up to date.");
  if (!options.seed) return;
  const db = createPrismaClient(url, { max: 2 });
  try {
    if (await isDatabaseEmpty(db)) {
      await seedDemo(db);
      log("Seeded the demo organization (Acme Health) and Globex.");
    }
  } finally {
    await db.$disconnect();
  }
}
