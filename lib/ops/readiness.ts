// Is this instance ready for traffic? The database reachable, and every migration this build was made
// for applied (a build that expects more than the database has would fail on its first query).
import "server-only";
import { db } from "@/lib/db";
import { MIGRATIONS } from "@/lib/generated/migrations";

export type Readiness = { ready: true } | { ready: false; reason: string; pending?: string[] };

export async function readiness(): Promise<Readiness> {
  let applied: string[];
  try {
    const rows = await db.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = rows.map((r) => r.migration_name);
  } catch {
    return { ready: false, reason: "The database cannot be reached." };
  }
  const pending = MIGRATIONS.filter((m) => !applied.includes(m));
  return pending.length ? { ready: false, reason: "Migrations are pending: run `npm run db:deploy`.", pending } : { ready: true };
}
