// What the build and Prisma's CLI read from the environment on Vercel: no standalone output there
// (Vercel packages the functions itself), and the direct URL Neon's integration sets.
import { spawnSync } from "node:child_process";
import { copyFile, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

async function load<T>(module: string, env: Record<string, string | undefined>): Promise<T> {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return ((await import(module)) as { default: T }).default;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("next.config.mjs", () => {
  it("builds the standalone server off Vercel, and not on Vercel", async () => {
    expect((await load<{ output?: string }>("@/next.config.mjs", { VERCEL: undefined })).output).toBe("standalone");
    expect((await load<{ output?: string }>("@/next.config.mjs", { VERCEL: "1" })).output).toBeUndefined();
  });

  it("the build's standalone step stands aside on Vercel, and refuses while .env files would be packaged", async () => {
    // In a project of its own: the developer's checkout may well hold a .env (the README says to copy one).
    const project = await mkdtemp(path.join(os.tmpdir(), "kaizen-standalone-"));
    try {
      await mkdir(path.join(project, "scripts"));
      await copyFile(path.join(root, "scripts/standalone.mjs"), path.join(project, "scripts/standalone.mjs"));
      await writeFile(path.join(project, ".env.example"), "DATABASE_URL=\n");
      const build = () =>
        spawnSync(process.execPath, [path.join(project, "scripts/standalone.mjs")], { cwd: project, env: Object.assign({} as NodeJS.ProcessEnv, { PATH: process.env.PATH, VERCEL: "1" }), encoding: "utf8" });
      const clean = build();
      expect(clean.status, clean.stderr).toBe(0);
      expect(clean.stdout).toContain("Vercel");
      await writeFile(path.join(project, ".env.production"), "AUTH_SECRET=x\n");
      const withEnv = build();
      expect(withEnv.status).toBe(1);
      expect(withEnv.stderr).toContain(".env.production would be packaged into every Vercel function");
    } finally {
      await rm(project, { recursive: true, force: true });
    }
  });
});

describe("prisma.config.ts", () => {
  type Config = { datasource?: { url?: string } };
  const url = async (env: Record<string, string | undefined>) => (await load<Config>("@/prisma.config", env)).datasource?.url;
  const none = { DIRECT_URL: undefined, DATABASE_URL_UNPOOLED: undefined, DATABASE_URL: undefined };

  it("migrates over the direct URL: DIRECT_URL, else Neon's DATABASE_URL_UNPOOLED, else DATABASE_URL", async () => {
    expect(await url({ ...none, DATABASE_URL: "postgres://pooled" })).toBe("postgres://pooled");
    expect(await url({ ...none, DATABASE_URL: "postgres://pooled", DATABASE_URL_UNPOOLED: "postgres://unpooled" })).toBe("postgres://unpooled");
    expect(await url({ DATABASE_URL: "postgres://pooled", DATABASE_URL_UNPOOLED: "postgres://unpooled", DIRECT_URL: "postgres://direct" })).toBe("postgres://direct");
  });

  it("an empty variable (a copied .env's `NAME=`) counts as unset", async () => {
    expect(await url({ DIRECT_URL: "", DATABASE_URL_UNPOOLED: "", DATABASE_URL: "postgres://pooled" })).toBe("postgres://pooled");
  });
});
