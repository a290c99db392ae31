// scripts/start.mjs checks where it listens and how long it drains before Next starts: a bad value
// stops it at once, naming the variable (these checks come before it looks for the build).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const start = path.resolve(import.meta.dirname, "../../scripts/start.mjs");

function startWith(variables: Record<string, string>) {
  const env = { ...variables } as NodeJS.ProcessEnv;
  env.PATH = process.env.PATH;
  const result = spawnSync(process.execPath, [start], { env, encoding: "utf8", timeout: 30_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("npm start (scripts/start.mjs)", () => {
  it.each([
    [{ BIND_ADDRESS: "all" }, 'BIND_ADDRESS must be an IP address to listen on: 0.0.0.0 (every interface), 127.0.0.1 (this machine only), :: (IPv6); not "all"'],
    [{ BIND_ADDRESS: "0.0.0.0:3000" }, "BIND_ADDRESS must be an IP address"],
    [{ SHUTDOWN_TIMEOUT_SECONDS: "25s" }, 'SHUTDOWN_TIMEOUT_SECONDS must be a whole number of seconds from 0 to 3600, not "25s"'],
    [{ SHUTDOWN_TIMEOUT_SECONDS: "-5" }, "SHUTDOWN_TIMEOUT_SECONDS must be a whole number of seconds"],
    [{ PORT: "70000" }, 'PORT must be a port number, not "70000"'],
  ])("stops at %j, naming the variable", (env, message) => {
    const { code, output } = startWith(env);
    expect(output).toContain(message);
    expect(code).toBe(1);
  });

  it("takes an empty value as unset", () => {
    const { output } = startWith({ PORT: "", BIND_ADDRESS: " ", SHUTDOWN_TIMEOUT_SECONDS: "" });
    expect(output).not.toMatch(/PORT|BIND_ADDRESS|SHUTDOWN_TIMEOUT_SECONDS/);
  });
});
