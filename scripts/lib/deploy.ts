// Migrations as a deploy step (`npm run db:deploy`, `npm run db:status`): applied by the owner over a
// direct connection (DIRECT_URL: a pooler would not hold the lock), one deploy at a time (a
// session-level advisory lock, so parallel deploys wait rather than race), and refused when the
// database has drifted from the migrations — a migration that failed earlier, one changed after it
// was applied, or one this version does not know. The history is Prisma's own `_prisma_migrations`,
// checksums and all, so `prisma migrate deploy` (where its native engine can be downloaded) agrees.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { applyMigrations, listMigrationNames, migrationsDir } from "./migrations";
import { grantAppRole } from "./roles";

/** The advisory lock every deploy takes (an arbitrary constant: "kaizen-deploy"). */
const DEPLOY_LOCK = 7_317_400_233;

export type MigrationState = {
  applied: { name: string; finishedAt: Date }[];
  pending: string[];
  /** Why a deploy must not go on; empty when it may. */
  problems: string[];
};

export class DeployError extends Error {
  constructor(readonly problems: string[]) {
    super(`The database cannot be migrated as it is:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "DeployError";
  }
}

/** The checksum Prisma records: SHA-256 of the migration file. */
async function localMigrations(dir = migrationsDir) {
  const names = await listMigrationNames(dir);
  return Promise.all(
    names.map(async (name) => ({ name, checksum: createHash("sha256").update(await readFile(path.join(dir, name, "migration.sql"))).digest("hex") })),
  );
}

/** What is applied, what is pending, and anything that forbids going on. */
export async function migrationState(url: string, dir = migrationsDir): Promise<MigrationState> {
  const local = await localMigrations(dir);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const exists = (await client.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`)).rows[0].present as boolean;
    const rows = exists
      ? (
          await client.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; logs: string | null }>(
            `SELECT migration_name, checksum, finished_at, rolled_back_at, logs FROM _prisma_migrations ORDER BY started_at`,
          )
        ).rows
      : [];
    const problems: string[] = [];
    const byName = new Map(local.map((m) => [m.name, m]));
    for (const row of rows) {
      if (row.rolled_back_at) continue;
      if (!row.finished_at) {
        problems.push(
          `${row.migration_name} failed earlier and was never finished${row.logs ? ` (${row.logs.split("\n")[0]})` : ""}. Repair the database by hand, then mark it with \`prisma migrate resolve --applied ${row.migration_name}\` (or --rolled-back), and deploy again.`,
        );
        continue;
      }
      const known = byName.get(row.migration_name);
      if (!known) problems.push(`${row.migration_name} is applied to the database but this version does not have it: deploy that version or a newer one.`);
      else if (known.checksum !== row.checksum) problems.push(`${row.migration_name} was changed after it was applied (its checksum differs): restore the file as it was.`);
    }
    const done = new Set(rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name));
    return {
      applied: rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => ({ name: r.migration_name, finishedAt: r.finished_at! })),
      pending: local.filter((m) => !done.has(m.name)).map((m) => m.name),
      problems,
    };
  } finally {
    await client.end();
  }
}

/**
 * Applies the pending migrations as the owner, under the deploy lock, then gives the app's role its
 * privileges. Throws a DeployError (changing nothing) when the database has drifted.
 */
export async function deployMigrations(
  ownerUrl: string,
  options: { appRole?: string; log?: (line: string) => void; dir?: string } = {},
): Promise<string[]> {
  const log = options.log ?? (() => {});
  const lock = new pg.Client({ connectionString: ownerUrl });
  await lock.connect();
  try {
    const got = (await lock.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [DEPLOY_LOCK])).rows[0]!.ok;
    if (!got) {
      log("Another deploy is migrating this database: waiting for it to finish ...");
      await lock.query("SELECT pg_advisory_lock($1)", [DEPLOY_LOCK]);
    }
    const state = await migrationState(ownerUrl, options.dir);
    if (state.problems.length) throw new DeployError(state.problems);
    const applied = state.pending.length ? await applyMigrations(ownerUrl, options.dir) : [];
    if (options.appRole) await grantAppRole(ownerUrl, options.appRole);
    return applied;
  } finally {
    await lock.query("SELECT pg_advisory_unlock_all()").catch(() => undefined);
    await lock.end();
  }
}
