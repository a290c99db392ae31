// npm run db:migrate: applies pending migrations to DATABASE_URL (or the embedded PostgreSQL).
import { openProjectDatabase } from "./lib/database";
import { applyMigrations } from "./lib/migrations";

const database = await openProjectDatabase(console.log);
try {
  const applied = await applyMigrations(database.url);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
} finally {
  await database.stop();
}
