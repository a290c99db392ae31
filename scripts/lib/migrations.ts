// Prisma migrations, made and applied offline with Prisma's own (WebAssembly) schema engine.
//
// Each migration folder keeps, beside its migration.sql, the schema.prisma it was made from, so a
// new migration is the engine's diff from the last migration's schema to the current one: no
// shadow database, no download. Applying records each migration in _prisma_migrations exactly as
// `prisma migrate deploy` does, so the two agree on machines that have the native engine.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { NO_FILTERS, withSchemaEngine } from "./schema-engine";

export const projectRoot = path.resolve(import.meta.dirname, "..", "..");
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");
export const schemaPath = path.join(projectRoot, "prisma", "schema.prisma");
const LOCKFILE = 'provider = "postgresql"\n';
const SNAPSHOT = "schema.prisma";

export async function listMigrationNames(dir = migrationsDir): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(path.join(dir, e.name, "migration.sql")))
    .map((e) => e.name)
    .sort();
}

async function loadMigrationList(dir = migrationsDir): Promise<MigrationList> {
  const names = await listMigrationNames(dir);
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: LOCKFILE },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      names.map(async (name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: { tag: "ok" as const, value: await readFile(path.join(dir, name, "migration.sql"), "utf8") },
        },
      })),
    ),
  };
}

/** Applies pending migrations to the database; returns the names applied (none when up to date). */
export async function applyMigrations(connectionString: string, dir = migrationsDir): Promise<string[]> {
  const migrationsList = await loadMigrationList(dir);
  return withSchemaEngine(connectionString, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  });
}

/**
 * The SQL that takes a database from `from` (a schema text, or empty) to `to`. The result does not
 * depend on the database, but the engine insists on connecting to one at start.
 */
export async function diffSchemas(connectionString: string, from: string | null, to: string): Promise<string> {
  return withSchemaEngine(connectionString, async (engine) => {
    const result = await engine.diff({
      from:
        from === null ? { tag: "empty" } : { tag: "schemaDatamodel", files: [{ path: "from.prisma", content: from }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: to }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  });
}

/** The schema the newest migration was made from, or null when there is none. */
async function lastMigratedSchema(dir = migrationsDir): Promise<string | null> {
  const names = await listMigrationNames(dir);
  const last = names.at(-1);
  if (!last) return null;
  const snapshot = path.join(dir, last, SNAPSHOT);
  if (!existsSync(snapshot)) {
    throw new Error(
      `${path.relative(projectRoot, snapshot)} is missing: every migration keeps the schema it was made from.`,
    );
  }
  return readFile(snapshot, "utf8");
}

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

/**
 * Writes prisma/migrations/<timestamp>_<name>/ from the change between the last migration's schema
 * and prisma/schema.prisma. Returns null when there is nothing to migrate.
 */
export async function createMigration(
  connectionString: string,
  name: string,
  dir = migrationsDir,
): Promise<{ folder: string; sql: string } | null> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error("A migration name uses lower-case letters, digits and _ only.");
  const current = await readFile(schemaPath, "utf8");
  const previous = await lastMigratedSchema(dir);
  const sql = await diffSchemas(connectionString, previous, current);
  if (!/\S/.test(sql.replace(/^--.*$/gm, ""))) return null;
  const folder = path.join(dir, `${timestamp()}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), sql);
  await writeFile(path.join(folder, SNAPSHOT), current);
  await writeFile(path.join(dir, "migration_lock.toml"), `# Do not edit: Prisma keeps this file.\n${LOCKFILE}`);
  return { folder, sql };
}
