// The migrations in prisma/migrations and prisma/schema.prisma must describe the same database:
// apply the migrations to one database, the schema's own SQL to another, and compare catalogs.
import { readFile } from "node:fs/promises";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { applyMigrations, diffSchemas, listMigrationNames, schemaPath } from "@/scripts/lib/migrations";
import { createTestDatabase } from "../support/database";

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Tables, columns, types, nullability, defaults, indexes, constraints and enums of `public`. */
async function catalog(url: string) {
  const columns = await query(
    url,
    `SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
       FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
      ORDER BY table_name, column_name`,
  );
  const indexes = await query(
    url,
    `SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`,
  );
  const constraints = await query(
    url,
    `SELECT c.conrelid::regclass::text AS table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE n.nspname = 'public' AND c.conrelid::regclass::text <> '_prisma_migrations'
      ORDER BY c.conname`,
  );
  const enums = await query(
    url,
    `SELECT t.typname, e.enumlabel, e.enumsortorder FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      ORDER BY t.typname, e.enumsortorder`,
  );
  return { columns, indexes, constraints, enums };
}

describe("migrations", () => {
  it("build exactly the database that prisma/schema.prisma describes", async () => {
    const migrated = await createTestDatabase("migrated");
    const fromSchema = await createTestDatabase("empty");
    const sql = await diffSchemas(fromSchema.url, null, await readFile(schemaPath, "utf8"));
    // The extensions the migrations create by hand (the schema uses their operator classes).
    await query(fromSchema.url, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
    await query(fromSchema.url, sql);

    const [a, b] = await Promise.all([catalog(migrated.url), catalog(fromSchema.url)]);
    expect(a.columns.length).toBeGreaterThan(50);
    expect(a.columns).toEqual(b.columns);
    expect(a.indexes).toEqual(b.indexes);
    expect(a.constraints).toEqual(b.constraints);
    expect(a.enums).toEqual(b.enums);
  });

  it("are recorded in _prisma_migrations as `prisma migrate deploy` records them, and apply once", async () => {
    const { url } = await createTestDatabase("migrated");
    const names = await listMigrationNames();
    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
      url,
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(names);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
    }
    expect(await applyMigrations(url)).toEqual([]);
  });

  it("make the timeline append-only in the database itself", async () => {
    const { url, db } = await createTestDatabase("demo");
    const event = await db.timelineEvent.findFirstOrThrow();
    await expect(query(url, `UPDATE "TimelineEvent" SET type = 'forged' WHERE id = $1`, [event.id])).rejects.toThrow(/append-only/);
    await expect(query(url, `DELETE FROM "TimelineEvent" WHERE id = $1`, [event.id])).rejects.toThrow(/append-only/);
    await expect(query(url, `TRUNCATE "TimelineEvent" CASCADE`)).rejects.toThrow(/append-only/);
    expect((await db.timelineEvent.findUniqueOrThrow({ where: { id: event.id } })).type).toBe(event.type);
  });
});
