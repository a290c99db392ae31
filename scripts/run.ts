// npm run dev / npm run demo: the two-command experience. With no DATABASE_URL it starts the
// embedded PostgreSQL (data kept between runs), applies migrations, seeds the demo organization into
// an empty database, then runs Next.js and prints where to sign in. Ctrl-C stops both cleanly.
// - dev:  `next dev` (hot reload).
// - demo: the production build (`npm run build` first) on the same embedded database and demo seed —
//         the demo asked for by name; `npm start` itself never starts or seeds anything.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { EnvError, loadEnv } from "@/lib/env";
import { DEMO_PASSWORD, DEMO_SIGN_INS } from "@/prisma/seed";
import { openProjectDatabase, prepareDatabase, type ProjectDatabase } from "./lib/database";
import { isPortFree } from "./lib/embedded-postgres";
import { loadProjectEnv } from "./lib/load-env";
import { readOrCreateLocalSecret } from "./lib/local-secret";
import { projectRoot } from "./lib/migrations";

const mode = process.argv[2];
if (mode !== "dev" && mode !== "demo") {
  console.error("Usage: tsx scripts/run.ts dev|demo");
  process.exit(2);
}
loadProjectEnv(mode === "dev");

const log = (line: string) => console.log(`[kaizen] ${line}`);
const fail = (message: string): never => {
  console.error(`\n[kaizen] ${message}\n`);
  process.exit(1);
};

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 1 || port > 65_535) fail(`PORT must be a port number, not "${process.env.PORT}".`);

if (mode === "demo" && !existsSync(path.join(projectRoot, ".next", "standalone", "server.js"))) {
  fail("There is no production build yet: run `npm run build` first, then `npm run demo`.");
}
if (!(await isPortFree(port, "0.0.0.0")) || !(await isPortFree(port, "127.0.0.1"))) {
  fail(`Port ${port} is already in use. Stop whatever is using it, or choose another port: PORT=3001 npm run ${mode}`);
}

const childEnv: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: mode === "dev" ? "development" : "production",
  NEXT_TELEMETRY_DISABLED: "1",
  PORT: String(port),
};
// The demo has no mail account: its notices are kept and logged (and said to be) unless Resend is set.
if (mode === "demo" && !childEnv.RESEND_API_KEY) childEnv.EMAIL_TRANSPORT ??= "log";

// AUTH_SECRET: for the embedded default it is generated once into a git-ignored file and reused;
// with your own database, bring your own.
if (!childEnv.AUTH_SECRET) {
  if (process.env.DATABASE_URL && mode === "demo") fail("AUTH_SECRET is required with your own database (generate one with `openssl rand -base64 33`).");
  childEnv.AUTH_SECRET = await readOrCreateLocalSecret();
}
childEnv.AUTH_TRUST_HOST ??= process.env.AUTH_URL ? undefined : "true";

let database: ProjectDatabase | undefined;
const children: { server?: ChildProcess } = {};
let stopping = false;

async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  const server = children.server;
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
  }
  if (database?.embedded) {
    log("Stopping PostgreSQL ...");
    await database.stop().catch(() => undefined);
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

try {
  database = await openProjectDatabase(log);
  childEnv.DATABASE_URL = database.appUrl;
  loadEnv(childEnv);
  // The demo and the embedded default are seeded; your own database only with SEED_DEMO_DATA=true.
  await prepareDatabase(database, { seed: database.embedded || mode === "demo" || process.env.SEED_DEMO_DATA === "true" }, log);
} catch (error) {
  if (error instanceof EnvError) {
    console.error(`\n${error.message}\nSee docs/configuration.md.\n`);
  } else {
    console.error(error);
  }
  await stop(1);
}

const command =
  mode === "dev"
    ? [path.join(projectRoot, "node_modules", "next", "dist", "bin", "next"), "dev", "--port", String(port)]
    : [path.join(projectRoot, "scripts", "start.mjs")];
const server = spawn(process.execPath, command, { cwd: projectRoot, env: childEnv, stdio: "inherit" });
children.server = server;
server.on("exit", (code) => void stop(code ?? 0));

// Say where to go once the server answers.
void (async () => {
  for (let i = 0; i < 600 && !stopping; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/health`, { redirect: "manual" });
      const users = DEMO_SIGN_INS.map(([u, what]) => `    ${u.padEnd(6)} ${what}`).join("\n");
      console.log(
        `\n  Kaizen Hub is running at http://localhost:${port}${mode === "demo" ? " (production build, demo data)" : ""}\n\n` +
          (database?.embedded || mode === "demo" ? `  Demo sign-ins (password for all: ${DEMO_PASSWORD}):\n${users}\n` : "") +
          "\n  Press Ctrl-C to stop.\n",
      );
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
})();
