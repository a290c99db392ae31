// npm run db:seed: seeds the demo organization into an empty database (refuses a non-empty one):
// DATABASE_URL's, from the environment or the .env files like the other scripts; else the embedded
// one of `npm run dev` (never in production).
import { createPrismaClient } from "@/lib/db/create-client";
import { isDatabaseEmpty, seedDemo } from "@/prisma/seed";
import { openProjectDatabase, prepareDatabase, refuseEmbeddedInProduction } from "./lib/database";
import { loadProjectEnv } from "./lib/load-env";

loadProjectEnv();
refuseEmbeddedInProduction("db:seed");
const database = await openProjectDatabase(console.log);
const db = createPrismaClient(database.ownerUrl, { max: 2 });
try {
  await prepareDatabase(database, { seed: false });
  if (await isDatabaseEmpty(db)) {
    await seedDemo(db);
    console.log("Seeded the demo organization.");
  } else {
    console.log("The database already has data: the demo seed only goes into an empty database.");
  }
} finally {
  await db.$disconnect();
  await database.stop();
}
