// What the README tells a newcomer: copy .env.example to .env. Its lines say `NAME=` (required,
// to fill in) or `# NAME=default` (optional); @next/env loads an empty `NAME=` as "", which must
// count as unset. In a copy of the project (its sources, node_modules hard-linked, the suite's
// build linked in), `npm start` with the required values filled in and `npm run dev` with none
// both answer /api/health.
import { execFileSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cleanEnv, launch, projectRoot, stop, waitForHttp } from "../support/processes";

test.describe.configure({ mode: "serial" });

const startPort = Number(process.env.E2E_PORT ?? 3100) + 20;
const devPort = startPort + 1;
let copy: string;
let example: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  copy = await mkdtemp("/var/tmp/kaizen-env-example-");
  const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "-z"], { cwd: projectRoot, encoding: "utf8" })
    .split("\0")
    .filter((file) => file && !file.startsWith(".env"));
  for (const file of files) await cp(path.join(projectRoot, file), path.join(copy, file), { recursive: true }).catch(() => undefined);
  await cp(path.join(projectRoot, "lib", "generated"), path.join(copy, "lib", "generated"), { recursive: true });
  execFileSync("cp", ["-al", path.join(projectRoot, "node_modules"), path.join(copy, "node_modules")]);
  example = await readFile(path.join(projectRoot, ".env.example"), "utf8");
});

test.afterAll(async () => {
  // The dev server's embedded PostgreSQL may still be writing its last WAL as it stops: retry
  // (Node retries ENOTEMPTY and EBUSY) rather than fail the suite on the cleanup.
  if (copy) await rm(copy, { recursive: true, force: true, maxRetries: 10, retryDelay: 300 });
});

/** .env.example with the given lines filled in: `NAME=` replaced where it stands, else added. */
function filledIn(values: Record<string, string>): string {
  let text = example;
  for (const [name, value] of Object.entries(values)) {
    const line = new RegExp(`^${name}=$`, "m");
    text = line.test(text) ? text.replace(line, `${name}=${value}`) : `${text}\n${name}=${value}\n`;
  }
  return text;
}

test("a copied .env.example with its required values filled in: npm start answers", async () => {
  await mkdir(path.join(copy, ".next"), { recursive: true });
  await symlink(path.join(projectRoot, ".next", "standalone"), path.join(copy, ".next", "standalone"));
  await writeFile(
    path.join(copy, ".env"),
    filledIn({
      DATABASE_URL: process.env.DATABASE_URL!,
      AUTH_SECRET: "an-env-example-secret-that-is-long-enough",
      AUTH_URL: `http://127.0.0.1:${startPort}`,
      EMAIL_TRANSPORT: "log",
      PORT: String(startPort),
    }),
  );
  const server = launch("npm", ["start"], { cwd: copy, env: cleanEnv({}) });
  try {
    await Promise.race([
      waitForHttp(`http://127.0.0.1:${startPort}/api/health`),
      server.exited.then((code) => Promise.reject(new Error(`npm start exited (${code}):\n${server.output()}`))),
    ]);
  } finally {
    await stop(server);
    await rm(path.join(copy, ".next"), { recursive: true, force: true });
  }
});

test("a copied .env.example as it is (but the port): npm run dev answers on the embedded database", async () => {
  test.setTimeout(420_000);
  await writeFile(path.join(copy, ".env"), filledIn({ PORT: String(devPort) }));
  const dev = launch("npm", ["run", "dev"], { cwd: copy, env: cleanEnv({ EMBEDDED_POSTGRES_DIR: path.join(copy, "pg") }) });
  try {
    await Promise.race([
      waitForHttp(`http://127.0.0.1:${devPort}/api/health`, 300_000),
      dev.exited.then((code) => Promise.reject(new Error(`npm run dev exited (${code}):\n${dev.output()}`))),
    ]);
    await expect.poll(() => dev.output()).toContain(`Kaizen Hub is running at http://localhost:${devPort}`);
  } finally {
    await stop(dev);
  }
});
