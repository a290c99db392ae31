// What the build and Prisma's CLI read from the environment on Vercel: no standalone output there
// (Vercel packages the functions itself), and the direct URL Neon's integration sets.
import { spawnSync } from "node:child_process";
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

  it("the build's standalone step stands aside on Vercel", () => {
    const run = spawnSync(process.execPath, [path.join(root, "scripts/standalone.mjs")], { cwd: root, env: Object.assign({} as NodeJS.ProcessEnv, { PATH: process.env.PATH, VERCEL: "1" }), encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("Vercel");
  });
});
