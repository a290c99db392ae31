// The database scripts read the configuration the way the app does (the environment, then the .env
// files), and in production start nothing of their own. Each runs in a scratch copy of the project
// (its scripts copied, so they take the copy for the project root; the rest linked) with its own .env.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/tests/support/database";
import { testDataRoot } from "@/scripts/lib/paths";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const KEPT_OUT = new Set([".git", ".next", ".data", ".kaizen", "test-results", "scripts", "package.json"]);
let scratch: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(await testDataRoot(), "scripts-env-"));
  for (const entry of await readdir(projectRoot)) {
    if (KEPT_OUT.has(entry) || entry.startsWith(".env")) continue;
    await symlink(path.join(projectRoot, entry), path.join(scratch, entry));
  }
  for (const entry of ["scripts", "package.json"]) await cp(path.join(projectRoot, entry), path.join(scratch, entry), { recursive: true });
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** `npm run <script>` in the scratch copy, as a person would (only PATH and HOME from outside). */
function npmRun(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const childEnv = { ...env } as NodeJS.ProcessEnv;
    Object.assign(childEnv, { PATH: process.env.PATH, HOME: process.env.HOME });
    const child = spawn("npm", ["run", "--silent", script], { cwd: scratch, env: childEnv });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe("the database scripts' configuration", () => {
  it("npm run db:seed seeds the database DATABASE_URL names in .env, not an embedded one", async () => {
    const database = await createTestDatabase("migrated");
    const embedded = path.join(scratch, "would-be-embedded");
    await writeFile(path.join(scratch, ".env"), `DATABASE_URL=${database.url}\n`);
    try {
      const { code, output } = await npmRun("db:seed", { EMBEDDED_POSTGRES_DIR: embedded });
      expect(output).not.toContain("Starting the embedded PostgreSQL");
      expect(output).toContain("Seeded the demo organization.");
      expect(code).toBe(0);
      expect(existsSync(embedded)).toBe(false);
      expect(await database.db.user.count()).toBeGreaterThan(0);
    } finally {
      await rm(path.join(scratch, ".env"), { force: true });
    }
  }, 120_000);

  it.each(["db:status", "db:seed"])("npm run %s in production without DATABASE_URL refuses, naming it, and starts nothing", async (script) => {
    const embedded = path.join(scratch, "would-be-embedded");
    const { code, output } = await npmRun(script, { NODE_ENV: "production", EMBEDDED_POSTGRES_DIR: embedded });
    expect(output).toContain(`[${script}] DIRECT_URL or DATABASE_URL is required here (production or Vercel): nothing embedded starts.`);
    expect(code).toBe(1);
    expect(existsSync(embedded)).toBe(false);
  }, 120_000);

  it("npm run build on Vercel fails before building, naming what the deployment would miss", async () => {
    const { code, output } = await npmRun("build", { VERCEL: "1", VERCEL_ENV: "production", DATABASE_URL: "postgresql://app:secret@db.example.test/kaizen" });
    expect(output).toContain("[build] Invalid environment:");
    expect(output).toMatch(/AUTH_SECRET is required/);
    expect(code).toBe(1);
    expect(existsSync(path.join(scratch, ".next"))).toBe(false);
  }, 120_000);

  it("the build's check passes a complete configuration on Vercel, and is not made elsewhere", async () => {
    const complete = { VERCEL: "1", DATABASE_URL: "postgresql://app:secret@db.example.test/kaizen", AUTH_SECRET: "x".repeat(44), EMAIL_TRANSPORT: "log" };
    const onVercel = await npmRun("prebuild", complete);
    expect(onVercel.output).toContain("[build] The production configuration is complete.");
    expect(onVercel.code).toBe(0);
    // A laptop's or a Docker image's build: the server's configuration comes at start.
    const elsewhere = await npmRun("prebuild", {});
    expect(elsewhere.output).toBe("");
    expect(elsewhere.code).toBe(0);
  }, 120_000);
});
