// npm run db:migrate: applies pending migrations to DATABASE_URL (or the embedded PostgreSQL).
import { openProjectDatabase, roleOf } from "./lib/database";
import { applyMigrations } from "./lib/migrations";
import { grantAppRole } from "./lib/roles";

const database = await openProjectDatabase(console.log);
try {
  const applied = await applyMigrations(database.ownerUrl);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
  await grantAppRole(database.ownerUrl, roleOf(database.appUrl));
} finally {
  await database.stop();
}
