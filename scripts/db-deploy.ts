// npm run db:deploy: applies pending migrations — the deploy step (instances never migrate at start
// in production). Over DIRECT_URL (the owner, unpooled) when given, else Neon's DATABASE_URL_UNPOOLED,
// else DATABASE_URL; with none, the embedded PostgreSQL of `npm run dev` — never in production or on
// Vercel, where a missing variable stops it. Waits for another deploy of the same database, refuses
// on drift, and gives the app's role (the one DATABASE_URL acts as) its privileges. On Vercel only
// the production deployment migrates: a preview build checks and changes nothing (checkVercelPreview);
// and production's configuration is checked first, so an incomplete one fails the build before it migrates.
import { openProjectDatabase, refuseEmbeddedInProduction } from "./lib/database";
import { DeployError, deployMigrations } from "./lib/deploy";
import { loadProjectEnv } from "./lib/load-env";
import { roleActingFor } from "./lib/roles";
import { checkVercelPreview, vercelEnvironment } from "./lib/vercel";
import { checkVercelConfiguration } from "./lib/vercel-configuration";

loadProjectEnv();
const vercel = vercelEnvironment();
if (vercel === "production") checkVercelConfiguration("db:deploy");
if (vercel && vercel !== "production") {
  await checkVercelPreview(vercel, (line) => console.log(`[db:deploy] ${line}`));
  process.exit(0);
}
refuseEmbeddedInProduction("db:deploy");
const database = await openProjectDatabase(console.log);
let code = 0;
try {
  const applied = await deployMigrations(database.ownerUrl, { appRole: await roleActingFor(database.appUrl), log: (line) => console.log(`[db:deploy] ${line}`) });
  console.log(applied.length ? `[db:deploy] Applied: ${applied.join(", ")}` : "[db:deploy] No pending migrations: the database is up to date.");
} catch (error) {
  code = 1;
  console.error(error instanceof DeployError ? `\n[db:deploy] ${error.message}\n` : error);
} finally {
  await database.stop();
}
process.exit(code);
