// The database guards itself: the app connects as its own role, which may add to the history and
// read it but not change, delete, truncate or alter it — nor switch off the trigger that guards it.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/database";

const { appUrl, db } = await createTestDatabase("demo");

async function asApp<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

describe("the app's database role", () => {
  it("is not a superuser and owns nothing", async () => {
    const [role] = await asApp<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean }>(
      "SELECT rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user",
    );
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await asApp("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user");
    expect(owned).toEqual([]);
  });

  it("may add to the history and read it", async () => {
    const [org] = await asApp<{ id: string }>(`SELECT id FROM "Organization" LIMIT 1`);
    await asApp(`INSERT INTO "TimelineEvent" ("organizationId", scope, type, details) VALUES ($1, 'ADMIN', 'probe', '{}')`, [org!.id]);
    expect(await asApp(`SELECT id FROM "TimelineEvent" WHERE type = 'probe'`)).toHaveLength(1);
  });

  it.each([
    ["UPDATE", `UPDATE "TimelineEvent" SET type = 'forged'`, /permission denied/],
    ["DELETE", `DELETE FROM "TimelineEvent"`, /permission denied/],
    ["TRUNCATE", `TRUNCATE "TimelineEvent" CASCADE`, /permission denied/],
    ["ALTER TABLE … DISABLE TRIGGER", `ALTER TABLE "TimelineEvent" DISABLE TRIGGER "TimelineEvent_append_only"`, /must be owner/],
    ["SET session_replication_role", `SET session_replication_role = replica`, /permission denied/],
    ["DROP TABLE", `DROP TABLE "TimelineEvent"`, /must be owner/],
    ["CREATE TABLE", `CREATE TABLE "Sneaky" (id int)`, /permission denied/],
    ["ALTER a migration", `UPDATE "_prisma_migrations" SET checksum = 'x'`, /permission denied/],
  ])("is refused %s", async (_what, sql, error) => {
    const before = await db.timelineEvent.count();
    await expect(asApp(sql)).rejects.toThrow(error);
    expect(await db.timelineEvent.count()).toBe(before);
  });
});
