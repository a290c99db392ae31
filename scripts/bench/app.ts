// The benchmark's app: its own embedded PostgreSQL (two roles, migrated, the demo organization
// seeded) and the production build served the way deployments run it (scripts/start.mjs).
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { EMBEDDED_APP_ROLE, prepareDatabase } from "../lib/database";
import { ensureDatabase, startEmbeddedPostgres, type RunningPostgres } from "../lib/embedded-postgres";
import { projectRoot } from "../lib/migrations";
import { ensureAppRole, withCredentials } from "../lib/roles";

export type BenchDatabase = { postgres: RunningPostgres; ownerUrl: string; appUrl: string; url(database: string): string };

export async function startBenchDatabase(dataDir: string, port: number): Promise<BenchDatabase> {
  const postgres = await startEmbeddedPostgres({ dataDir, port, ephemeral: true });
  await ensureDatabase(postgres.url("postgres"), "kaizen_bench");
  await ensureAppRole(postgres.url("postgres"), EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password);
  const ownerUrl = postgres.url("kaizen_bench");
  const appUrl = withCredentials(ownerUrl, EMBEDDED_APP_ROLE.user, EMBEDDED_APP_ROLE.password);
  await prepareDatabase({ ownerUrl, appUrl }, { seed: true });
  return { postgres, ownerUrl, appUrl, url: (database) => postgres.url(database) };
}

export type BenchServer = { base: string; child: ChildProcess; stop(): Promise<void> };

/** The standalone build on `port` (npm run build first), as `npm start` runs it. */
export async function startBenchServer(appUrl: string, port: number, extraEnv: Record<string, string> = {}): Promise<BenchServer> {
  // As `npm start` runs it (package.json), its V8 flag included.
  const child = spawn(process.execPath, ["--max-semi-space-size=64", path.join(projectRoot, "scripts", "start.mjs")], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: appUrl,
      AUTH_SECRET: randomBytes(33).toString("base64"),
      AUTH_TRUST_HOST: "true",
      EMAIL_TRANSPORT: "log",
      PORT: String(port),
      BIND_ADDRESS: "127.0.0.1",
      ...extraEnv,
    },
    stdio: ["ignore", process.env.BENCH_SERVER_LOG ? "inherit" : "ignore", "inherit"],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if ((await fetch(`${base}/api/ready`).catch(() => null))?.status === 200) break;
    if (child.exitCode !== null || i > 240) {
      child.kill("SIGKILL");
      throw new Error("The production server did not start or is not ready (is there a build, npm run build? are migrations pending?).");
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    base,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
