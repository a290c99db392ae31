// "The database this project runs on": DATABASE_URL when set, otherwise the embedded PostgreSQL
// (started here, data kept in a git-ignored folder and reused across runs). Two roles: the owner
// runs migrations (DIRECT_URL; else Neon's DATABASE_URL_UNPOOLED, which its Vercel integration
// sets; else DATABASE_URL); the app connects as its own role with only the privileges it needs
// (scripts/lib/roles.ts).
import { createPrismaClient } from "@/lib/db/create-client";
import { isDatabaseEmpty, seedDemo } from "@/prisma/seed";
import { defaultDataDir, ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres";
import { deployMigrations } from "./deploy";
import { projectRoot } from "./migrations";
import { ensureAppRole, roleActingFor, withCredentials } from "./roles";

const EMBEDDED_DATABASE = "kaizen";
/** The embedded default's app role (loopback only, like the server itself). */
export const EMBEDDED_APP_ROLE = { user: "kaizen_app", password: "kaizen-app-local-only" };

export type ProjectDatabase = {
  /** The owner's connection: migrations, the seed. */
  ownerUrl: string;
  /** The app's connection (its own role). */
  appUrl: string;
  embedded: boolean;
  stop(): Promise<void>;
};

/** The owner's connection as the deploy step takes it: DIRECT_URL, else Neon's DATABASE_URL_UNPOOLED, else DATABASE_URL. */
export function ownerUrlGiven(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.DIRECT_URL?.trim() || env.DATABASE_URL_UNPOOLED?.trim() || env.DATABASE_URL?.trim() || undefined;
}

/**
 * Production (or Vercel) never gets an embedded database: there a missing URL is a configuration
 * error, said as such, rather than a PostgreSQL quietly started on the server.
 */
export function refuseEmbeddedInProduction(command: string): void {
  if ((process.env.NODE_ENV === "production" || process.env.VERCEL) && !ownerUrlGiven()) {
    console.error(`\n[${command}] DIRECT_URL or DATABASE_URL is required here (production or Vercel): nothing embedded starts.\n`);
    process.exit(1);
  }
}

export async function openProjectDatabase(log: (line: string) => void = () => {}): Promise<ProjectDatabase> {
  const app = process.env.DATABASE_URL?.trim();
  const owner = ownerUrlGiven();
  if (owner) return { ownerUrl: owner, appUrl: app || owner, embedded: false, stop: async () => {} };
  const dataDir = process.env.EMBEDDED_POSTGRES_DIR?.trim() || defaultDataDir(projectRoot, "postgres");
  log(`Starting the embedded PostgreSQL (data in ${dataDir}) ...`);
  const server = await startEmbeddedPostgres({ dataDir });
  await ensureDatabase(server.url("postgres"), EMBEDDED_DATABASE);
  await ensureAppRole(server.url("postgres"), EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password);
  log(`PostgreSQL is listening on 127.0.0.1:${server.port}.`);
  const ownerUrl = server.url(EMBEDDED_DATABASE);
  return {
    ownerUrl,
    appUrl: withCredentials(ownerUrl, EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password),
    embedded: true,
    stop: () => server.stop(),
  };
}

/**
 * Applies pending migrations as the owner, gives the app's role its privileges, then seeds the demo
 * organization into an empty database when asked: always for the embedded default, and for your
 * own database only with SEED_DEMO_DATA=true (its users share a published password: never on a
 * real deployment).
 */
export async function prepareDatabase(
  database: Pick<ProjectDatabase, "ownerUrl" | "appUrl">,
  options: { seed: boolean },
  log: (line: string) => void = () => {},
): Promise<void> {
  const applied = await deployMigrations(database.ownerUrl, { appRole: await roleActingFor(database.appUrl), log });
  log(applied.length ? `Applied migrations: ${applied.join(", ")}.` : "Migrations are up to date.");
  if (!options.seed) return;
  const db = createPrismaClient(database.ownerUrl, { max: 2 });
  try {
    if (await isDatabaseEmpty(db)) {
      await seedDemo(db);
      log("Seeded the demo organization (Acme Health) and Globex.");
    }
  } finally {
    await db.$disconnect();
  }
}
