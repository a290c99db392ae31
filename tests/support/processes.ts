// Running the app the way a deployer does: npm scripts and `node start.mjs` as child processes, with
// their output kept for the assertions.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect } from "@playwright/test";

export const projectRoot = path.resolve(import.meta.dirname, "../..");

export type Running = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

/** Starts a command; its output (stdout and stderr together) is kept. */
export function launch(command: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv }): Running {
  let output = "";
  const child = spawn(command, args, { cwd: options.cwd ?? projectRoot, env: options.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Runs a command to its end; its exit code and output. */
export async function runToEnd(command: string, args: string[], options: { cwd?: string; env: NodeJS.ProcessEnv; timeoutMs?: number }) {
  const running = launch(command, args, options);
  const timer = setTimeout(() => running.child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
  const code = await running.exited;
  clearTimeout(timer);
  return { code, output: running.output() };
}

/** The environment without anything the test runner set for the other servers. */
export function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env = {} as NodeJS.ProcessEnv;
  for (const key of ["PATH", "HOME", "LANG", "TMPDIR", "CHROMIUM_PATH", "npm_config_cache"]) if (process.env[key]) env[key] = process.env[key];
  env.NEXT_TELEMETRY_DISABLED = "1";
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export async function waitForHttp(url: string, timeoutMs = 60_000): Promise<void> {
  await expect.poll(async () => (await fetch(url).catch(() => null))?.status ?? 0, { timeout: timeoutMs, intervals: [250] }).toBe(200);
}

/** Stops a process group gracefully (SIGTERM), then for good. */
export async function stop(running: Running | undefined) {
  if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
  try {
    process.kill(-running.child.pid!, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-running.child.pid!, "SIGKILL");
    } catch {
      // gone
    }
  }, 15_000);
  await running.exited;
  clearTimeout(timer);
}
