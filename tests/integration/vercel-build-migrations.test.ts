// The deploy step as Vercel's build command runs it (`npm run db:deploy`, vercel.json), on a real
// database one migration behind: only the production deployment migrates, and only once its
// configuration is complete (else the build would fail after changing production's database). A
// preview shares whatever database its variables name (by default production's), so it must check
// and change nothing.
import { spawn } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "@/scripts/lib/migrations";
import { appliedMigrations, createDatabaseBehindLatest } from "../support/database";

let database: Awaited<ReturnType<typeof createDatabaseBehindLatest>>;
let all: string[];

/** The script the build command calls, with only what Vercel would give it. */
function dbDeploy(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const childEnv = Object.assign({} as NodeJS.ProcessEnv, { PATH: process.env.PATH, HOME: process.env.HOME, VERCEL: "1" }, env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, "node_modules/tsx/dist/cli.mjs"), "scripts/db-deploy.ts"], {
      cwd: projectRoot,
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

beforeAll(async () => {
  database = await createDatabaseBehindLatest();
  all = database.migrations;
});

const appliedNames = () => appliedMigrations(database.db);
/** What a production deployment needs besides its database (lib/env.ts). */
const completeConfiguration = { AUTH_SECRET: "x".repeat(44), EMAIL_TRANSPORT: "log" };

describe("db:deploy in a Vercel build", () => {
  it.each(["preview", "development"])("a %s build migrates nothing: it checks, says what is pending and how to give previews their own database", async (vercelEnv) => {
    const before = await appliedNames();
    expect(before).toEqual(all.slice(0, -1));
    const run = await dbDeploy({ VERCEL_ENV: vercelEnv, DATABASE_URL: database.url });
    expect(run.code, run.output).toBe(0);
    expect(await appliedNames()).toEqual(before);
    expect(run.output).toContain(`Vercel ${vercelEnv} build: no migration is applied`);
    expect(run.output).toContain(`Pending on this database (1): ${all.at(-1)}`);
    expect(run.output).toContain("Neon branch per preview");
  });

  it("a preview build with no database URL says so and does not fail the build", async () => {
    const run = await dbDeploy({ VERCEL_ENV: "preview" });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("No database URL is set for this preview");
  });

  it("a production build whose configuration is incomplete fails before it migrates, naming what is missing", async () => {
    const before = await appliedNames();
    const run = await dbDeploy({ VERCEL_ENV: "production", DATABASE_URL: database.url });
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/AUTH_SECRET is required/);
    expect(run.output).not.toContain("Applied");
    expect(await appliedNames()).toEqual(before);
  });

  it("the production build migrates", async () => {
    const run = await dbDeploy({ VERCEL_ENV: "production", DATABASE_URL: database.url, ...completeConfiguration });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`Applied: ${all.at(-1)}`);
    expect(await appliedNames()).toEqual(all);
  });
});
