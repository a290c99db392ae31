// The database guards itself: the app connects as its own role, which may add to the history and
// read it but not change, delete, truncate or alter it — nor switch off the trigger that guards it.
// The same holds for any role name PostgreSQL accepts: Supabase's pooler users carry a dot.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMBEDDED_APP_ROLE, prepareDatabase } from "@/scripts/lib/database";
import { ensureAppRole, withCredentials } from "@/scripts/lib/roles";
import { createTestDatabase } from "../support/database";

const { url, appUrl: embeddedAppUrl, db } = await createTestDatabase("demo");

async function query<T extends pg.QueryResultRow>(connection: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: connection });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** Role names a deployer's DATABASE_URL may carry, each set up as `db:deploy` does. */
const APP_ROLES = [
  { label: "the embedded default", role: EMBEDDED_APP_ROLE.user, setup: "embedded" },
  // Created by hand, as a deployer does; the deploy path must take it as it is.
  { label: "a Supabase pooler user (a dot)", role: "postgres.abcdefghijklmnop", setup: "by hand" },
  { label: "capitals, a space and a quote", role: 'Kaizen App "prod"', setup: "ensureAppRole" },
  // Supabase's pooler signs `postgres.<project-ref>` in as the role `postgres`: the URL's user name
  // is not the role. Played here by a login role whose connection switches to the app's role.
  { label: "a URL whose user name is not the role it acts as (a pooler)", role: "kaizen_behind_pooler", setup: "behind a pooler" },
] as const;
const POOLER_LOGIN = "kaizen_pooler_login";
const createdRoles = [POOLER_LOGIN, ...APP_ROLES.filter(({ setup }) => setup !== "embedded").map(({ role }) => role)];

afterAll(async () => {
  // Roles are the cluster's: drop ours (and their grants in this database) before it goes.
  for (const role of createdRoles) {
    const quoted = pg.escapeIdentifier(role);
    await query(url, `DROP OWNED BY ${quoted}`).catch(() => undefined);
    await query(url, `DROP ROLE IF EXISTS ${quoted}`);
  }
});

describe.each(APP_ROLES)("the app's database role: $label", ({ role, setup }) => {
  let appUrl = embeddedAppUrl;
  const asApp = <T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => query<T>(appUrl, sql, params);
  const probe = `probe ${role}`;

  beforeAll(async () => {
    if (setup === "embedded") return;
    const password = randomBytes(12).toString("hex");
    if (setup === "ensureAppRole") await ensureAppRole(url, role, password);
    else if (setup === "by hand") await query(url, `CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN PASSWORD ${pg.escapeLiteral(password)}`);
    else {
      await query(url, `CREATE ROLE ${role} NOLOGIN`);
      await query(url, `CREATE ROLE ${POOLER_LOGIN} LOGIN PASSWORD ${pg.escapeLiteral(password)} IN ROLE ${role}`);
    }
    appUrl = withCredentials(url, setup === "behind a pooler" ? POOLER_LOGIN : role, password);
    if (setup === "behind a pooler") appUrl += `?options=${encodeURIComponent(`-c role=${role}`)}`;
    // The deploy path: migrations (none pending), then the app role's grants.
    await prepareDatabase({ ownerUrl: url, appUrl }, { seed: false });
  });

  it("signs in as that role, is not a superuser and owns nothing", async () => {
    const [me] = await asApp<{ current_user: string; rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean; rolbypassrls: boolean }>(
      "SELECT current_user, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = current_user",
    );
    expect(me).toEqual({ current_user: role, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
    const owned = await asApp("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user");
    expect(owned).toEqual([]);
  });

  it("may add to the history and read it", async () => {
    const [org] = await asApp<{ id: string }>(`SELECT id FROM "Organization" LIMIT 1`);
    await asApp(`INSERT INTO "TimelineEvent" ("organizationId", scope, type, details) VALUES ($1, 'ADMIN', $2, '{}')`, [org!.id, probe]);
    expect(await asApp(`SELECT id FROM "TimelineEvent" WHERE type = $1`, [probe])).toHaveLength(1);
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

describe("schema public after the role setup", () => {
  it("lets neither PUBLIC nor the app's role CREATE in it, even where PUBLIC had CREATE (PostgreSQL 14 and older)", async () => {
    // PostgreSQL 14 and older grant it to PUBLIC by default: the app's role would inherit DDL.
    await query(url, "GRANT CREATE ON SCHEMA public TO PUBLIC");
    await prepareDatabase({ ownerUrl: url, appUrl: embeddedAppUrl }, { seed: false });
    const [can] = await query<{ everyone: boolean; app: boolean }>(
      url,
      "SELECT has_schema_privilege('public', 'public', 'CREATE') AS everyone, has_schema_privilege($1, 'public', 'CREATE') AS app",
      [EMBEDDED_APP_ROLE.user],
    );
    expect(can).toEqual({ everyone: false, app: false });
    await expect(query(embeddedAppUrl, `CREATE TABLE "Sneaky" (id int)`)).rejects.toThrow(/permission denied/);
  });
});
