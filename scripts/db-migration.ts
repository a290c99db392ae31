// npm run db:migration -- <name>: writes a new migration from the change to prisma/schema.prisma.
// The schema engine wants a database connection even to diff two schemas; it changes nothing there.
import path from "node:path";
import { openProjectDatabase } from "./lib/database";
import { createMigration, projectRoot } from "./lib/migrations";

const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:migration -- <name>   (for example: add_item_priority)");
  process.exit(2);
}
const database = await openProjectDatabase();
try {
  const result = await createMigration(database.ownerUrl, name);
  if (!result) {
    console.log("prisma/schema.prisma matches the migrations: nothing to write.");
  } else {
    console.log(`Wrote ${path.relative(projectRoot, result.folder)}/migration.sql:\n\n${result.sql}`);
    console.log("Review it (hand-written SQL such as triggers goes below the generated part), then run npm run db:deploy.");
  }
} finally {
  await database.stop();
}
