// Queries straight to a test server's database, to see what really changed or to set up what the
// app's role may not: one fresh connection per query, to the URL the runner passed.
import pg from "pg";

export type Sql = <T extends pg.QueryResultRow>(text: string, params?: unknown[]) => Promise<T[]>;

/** Queries on the database at `url()` (read at each query: the runner sets it after import). */
export function sqlAt(url: () => string | undefined): Sql {
  return async <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url() });
    await client.connect();
    try {
      return (await client.query<T>(text, params)).rows;
    } finally {
      await client.end();
    }
  };
}

/** A user's id by username, or a clear failure. */
export async function userIdOf(sql: Sql, username: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE username = $1`, [username]);
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}
