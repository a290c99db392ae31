// A real `vercel build` (the Vercel CLI builds locally, no account): the project settings of
// tests/vercel/project.json (framework nextjs, the build command docs/deploying.md gives), a database one migration
// behind, and a working copy holding a .env, data and a local secret. What a deployer relies on: a
// preview build leaves the database alone, the production build migrates it, the middleware runs at
// the edge and the pages in Node functions, the cron is scheduled, and no secret or data goes up.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "@/scripts/lib/migrations";
import { appliedMigrations, createDatabaseBehindLatest } from "../support/database";

const linked = path.join(projectRoot, ".vercel", "project.json");
const output = path.join(projectRoot, ".vercel", "output");
/** Data and the local secret: a working copy has them, a deployment must not. Made for the test. */
const CANARIES = [".data/vercel-build-canary", ".kaizen/vercel-build-canary"];
/** .env files, which Vercel's Next.js builder would package into every function: the build refuses them. */
const ENV_CANARIES = [".env", ".env.production"];
/** A developer's own .env files wait here during the test (put back afterwards). */
const aside = path.join(projectRoot, ".vercel", "env-aside");

let database: Awaited<ReturnType<typeof createDatabaseBehindLatest>>;
let previousLink: string | null = null;
const made: string[] = [];
const movedAside: string[] = [];
const ownEnvFiles = async () => (await readdir(projectRoot)).filter((n) => (n === ".env" || n.startsWith(".env.")) && n !== ".env.example");

async function makeCanary(file: string) {
  const full = path.join(projectRoot, file);
  if (!existsSync(path.dirname(full))) made.push(path.dirname(full));
  await mkdir(path.dirname(full), { recursive: true });
  await writeFile(full, "# made by tests/vercel: must not reach a deployment\n");
  made.push(full);
}

/**
 * `vercel build`, with what a deployer's project sets and what Vercel's build machines add: VERCEL_ENV
 * (a local build has it only from `vercel pull`). `until` stops it (the whole group) once its output matches.
 */
function vercelBuild(vercelEnv: "preview" | "production", until?: RegExp): Promise<{ code: number | null; output: string }> {
  const args = vercelEnv === "production" ? ["--prod"] : [];
  const env = Object.assign({} as NodeJS.ProcessEnv, {
    VERCEL_ENV: vercelEnv,
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    VERCEL_TELEMETRY_DISABLED: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    AUTH_SECRET: "a-vercel-build-test-secret-that-is-long-enough",
    CRON_SECRET: "a-vercel-build-test-cron-secret",
    EMAIL_TRANSPORT: "log",
  });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, "node_modules/vercel/dist/vc.js"), "build", "--yes", ...args], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let text = "";
    const stop = () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    };
    const collect = (chunk: Buffer) => {
      text += chunk.toString();
      if (until?.test(text)) stop();
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    const timer = setTimeout(stop, 540_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      // The whole log, for a failure's reader (the assertions show its end).
      const log = path.join(projectRoot, "test-results", `vercel-build-${vercelEnv}.log`);
      void mkdir(path.dirname(log), { recursive: true })
        .then(() => writeFile(log, text))
        .finally(() => resolve({ code, output: text }));
    });
  });
}

/** Every file of the build output, and every project file a function maps in (`filePathMap`), relative to the project. */
async function shippedFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(output, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    files.push(path.relative(output, full));
    if (entry.name === ".vc-config.json") {
      const config = JSON.parse(await readFile(full, "utf8")) as { filePathMap?: Record<string, string> };
      for (const [to, from] of Object.entries(config.filePathMap ?? {})) files.push(to, path.relative(projectRoot, path.resolve(projectRoot, from)));
    }
  }
  return files;
}

async function functionConfig(name: string): Promise<{ runtime: string; launcherType?: string }> {
  return JSON.parse(await readFile(path.join(output, "functions", `${name}.func`, ".vc-config.json"), "utf8"));
}

beforeAll(async () => {
  database = await createDatabaseBehindLatest();
  // The fixture stands in for `vercel link`; a deployer's own link is put back afterwards.
  previousLink = existsSync(linked) ? await readFile(linked, "utf8") : null;
  await mkdir(path.dirname(linked), { recursive: true });
  await writeFile(linked, await readFile(path.join(import.meta.dirname, "project.json"), "utf8"));
  await mkdir(aside, { recursive: true });
  for (const name of await ownEnvFiles()) {
    await rename(path.join(projectRoot, name), path.join(aside, name));
    movedAside.push(name);
  }
  for (const file of [...CANARIES, ...ENV_CANARIES]) if (!existsSync(path.join(projectRoot, file))) await makeCanary(file);
});

afterAll(async () => {
  // Files first, then the folders made for them (made before their files, so in reverse).
  for (const full of made.reverse()) await rm(full, { force: true, recursive: true });
  for (const name of movedAside) await rename(path.join(aside, name), path.join(projectRoot, name));
  await rm(aside, { recursive: true, force: true });
  if (previousLink !== null) await writeFile(linked, previousLink);
  else await rm(linked, { force: true });
});

describe("vercel build", () => {
  it("a preview build checks the database and migrates nothing (stopped once the app's build starts)", async () => {
    const run = await vercelBuild("preview", /> kaizen-hub@[\d.]+ build\n/);
    expect(run.output).toContain("Running \"npm run db:deploy && npm run build\"");
    expect(run.output).toContain("[db:deploy] Vercel preview build: no migration is applied");
    expect(run.output).toContain(`Pending on this database (1): ${database.migrations.at(-1)}`);
    expect(await appliedMigrations(database.db)).toEqual(database.migrations.slice(0, -1));
  });

  it("the production build migrates, and refuses to package the working copy's .env files", async () => {
    const run = await vercelBuild("production");
    expect(run.output).toContain(`[db:deploy] Applied: ${database.migrations.at(-1)}`);
    expect(await appliedMigrations(database.db)).toEqual(database.migrations);
    expect(run.code).not.toBe(0);
    expect(run.output).toContain("[build] .env, .env.production would be packaged into every Vercel function");
  });

  it("without .env files, the production build's output is what Vercel serves", async () => {
    for (const file of ENV_CANARIES) await rm(path.join(projectRoot, file), { force: true });
    expect(await ownEnvFiles()).toEqual([]);
    const started = Date.now();
    const run = await vercelBuild("production");
    console.log(`vercel build --prod: ${((Date.now() - started) / 1000).toFixed(0)} s`);
    expect(run.code, run.output.slice(-4000)).toBe(0);
    expect(run.output).toContain("[db:deploy] No pending migrations");

    expect((await functionConfig("middleware")).runtime).toBe("edge");
    for (const page of ["index", "sign-in", "items", "admin/impersonations", "api/cron/sweep", "api/ready"]) {
      const config = await functionConfig(page);
      expect(config.runtime, page).toMatch(/^nodejs\d+\.x$/);
      expect(config.launcherType, page).toBe("Nodejs");
    }

    const config = JSON.parse(await readFile(path.join(output, "config.json"), "utf8")) as { crons?: unknown };
    const vercelJson = JSON.parse(await readFile(path.join(projectRoot, "vercel.json"), "utf8")) as { crons: unknown };
    expect(config.crons).toEqual(vercelJson.crons);
    expect(config.crons).toContainEqual({ path: "/api/cron/sweep", schedule: expect.any(String) });

    const files = await shippedFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => /(^|\/)\.env(?!\.example$)/.test(f) || /(^|\/)\.(data|kaizen)\//.test(f) || f.endsWith("vercel-build-canary"))).toEqual([]);
  });
});
