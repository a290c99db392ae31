// Two database roles: the owner, which runs migrations and owns every table, and the app's role,
// which may read and write what the app needs and only that — INSERT and SELECT on the history, no
// UPDATE, DELETE or TRUNCATE of it, no DDL, not a superuser, owning nothing. So even the app's own
// connection cannot undo the append-only guarantee (disabling a trigger needs the owner;
// session_replication_role needs a superuser).
import pg from "pg";

/** The history tables: the app may add to them and read them, never change them. */
const APPEND_ONLY = ["TimelineEvent"];

// Quoted, not checked against a pattern: any name PostgreSQL accepts is safe this way, including
// Supabase's pooler users (`postgres.<project-ref>`), capitals and quotes.
const quoteIdent = pg.escapeIdentifier;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the app's login role if it does not exist (the embedded default and the tests). */
export async function ensureAppRole(ownerUrl: string, role: string, password: string): Promise<void> {
  await withClient(ownerUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [role]);
    const verb = rowCount ? "ALTER" : "CREATE";
    await client.query(`${verb} ROLE ${quoteIdent(role)} LOGIN PASSWORD ${pg.escapeLiteral(password)} NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS`);
  });
}

/**
 * Gives the app's role exactly what it needs on the database at `ownerUrl`, after every migration
 * (new tables get their grants too). Idempotent.
 */
export async function grantAppRole(ownerUrl: string, role: string): Promise<void> {
  const r = quoteIdent(role);
  await withClient(ownerUrl, async (client) => {
    // PostgreSQL 14 and older let PUBLIC (so every role) create in schema public: no role but the
    // owner may. On 15 and later this changes nothing; run by a non-owner it only warns.
    await client.query("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
    const { rows } = await client.query<{ db: string; me: string }>("SELECT current_database() AS db, current_user AS me");
    if (rows[0]!.me === role) return; // one role for both: nothing to separate (docs/deploying.md, "Two database roles")
    await client.query(`GRANT CONNECT ON DATABASE ${quoteIdent(rows[0]!.db)} TO ${r}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await client.query(`REVOKE CREATE ON SCHEMA public FROM ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await client.query(`REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA public FROM ${r}`);
    for (const table of APPEND_ONLY) await client.query(`REVOKE UPDATE, DELETE ON ${quoteIdent(table)} FROM ${r}`);
    // Migrations are the owner's: the app may only read which ones were applied.
    await client.query(`REVOKE INSERT, UPDATE, DELETE ON "_prisma_migrations" FROM ${r}`);
    await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  });
}

/**
 * The role a connection acts as, asked of the server: a pooler's user name need not be one
 * (Supabase's pooler signs `postgres.<project-ref>` in as the role `postgres`).
 */
export async function roleActingFor(url: string): Promise<string> {
  try {
    return await withClient(url, async (client) => (await client.query<{ me: string }>("SELECT current_user AS me")).rows[0]!.me);
  } catch (error) {
    throw new Error(`Could not sign in with the app's connection (DATABASE_URL) to learn its role: ${(error as Error).message}`, { cause: error });
  }
}

/** `url` with another user and password (the same server and database). */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}
