// Production's safe defaults: `npm start` starts and seeds nothing of its own, and stops — saying
// which variable — without its database, its secret or a decision about email. The demo is asked
// for by name: `npm run demo`.
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { Client } from "../support/attack";
import { cleanEnv, launch, projectRoot, runToEnd, stop, waitForHttp } from "../support/processes";

const SECRET = "a-safe-defaults-secret-that-is-long-enough";

test("npm start without DATABASE_URL stops with the variable's name and starts no database", async () => {
  const dir = await mkdtemp("/var/tmp/kaizen-no-db-");
  const dataDir = path.join(dir, "would-be-data");
  const { code, output } = await runToEnd("npm", ["start"], { env: cleanEnv({ PORT: "3141", AUTH_SECRET: SECRET, EMBEDDED_POSTGRES_DIR: dataDir }), timeoutMs: 60_000 });
  expect(code).toBe(1);
  expect(output).toContain("DATABASE_URL is required");
  expect(output).toContain("`npm start` starts no database of its own");
  expect(output).not.toMatch(/Starting the embedded PostgreSQL|Seeded/);
  expect(existsSync(dataDir)).toBe(false);

  // Nor does the deploy step, in production or on Vercel's production deployment (whose whole
  // configuration is checked first): it stops.
  const stops = [
    { where: { NODE_ENV: "production" }, says: "DIRECT_URL or DATABASE_URL is required here (production or Vercel): nothing embedded starts." },
    { where: { VERCEL: "1", VERCEL_ENV: "production" }, says: "DATABASE_URL is required: the postgresql:// connection string of your database" },
  ];
  for (const { where, says } of stops) {
    const deploy = await runToEnd("npm", ["run", "db:deploy"], { env: cleanEnv({ ...where, EMBEDDED_POSTGRES_DIR: dataDir }), timeoutMs: 60_000 });
    expect(deploy.code).toBe(1);
    expect(deploy.output).toContain(says);
    expect(existsSync(dataDir)).toBe(false);
  }
  // A Vercel preview's deploy step without a database migrates nothing and says so, and starts
  // nothing (the build's configuration check, next, names what the deployment lacks).
  const preview = await runToEnd("npm", ["run", "db:deploy"], { env: cleanEnv({ VERCEL: "1", VERCEL_ENV: "preview", EMBEDDED_POSTGRES_DIR: dataDir }), timeoutMs: 60_000 });
  expect(preview.code).toBe(0);
  expect(preview.output).toContain("No database URL is set for this preview");
  expect(existsSync(dataDir)).toBe(false);
  await rm(dir, { recursive: true, force: true });
});

test("npm start without AUTH_SECRET, or without a mail transport, stops and says what to set", async () => {
  const database = process.env.ATTACK_DATABASE_URL!;
  const noSecret = await runToEnd("npm", ["start"], { env: cleanEnv({ PORT: "3142", DATABASE_URL: database, EMAIL_TRANSPORT: "log" }), timeoutMs: 60_000 });
  expect(noSecret.code).not.toBe(0);
  expect(noSecret.output).toContain("AUTH_SECRET is required");

  const noMail = await runToEnd("npm", ["start"], { env: cleanEnv({ PORT: "3143", DATABASE_URL: database, AUTH_SECRET: SECRET }), timeoutMs: 60_000 });
  expect(noMail.code).not.toBe(0);
  expect(noMail.output).toContain("EMAIL_TRANSPORT is required in production without RESEND_API_KEY");
  expect(noMail.output).toContain("EMAIL_TRANSPORT=log");
});

test("the demo, asked for by name: npm run demo serves the production build on an embedded, seeded database", async () => {
  const dir = await mkdtemp("/var/tmp/kaizen-demo-");
  const demo = launch("npm", ["run", "demo"], { env: cleanEnv({ PORT: "3144", EMBEDDED_POSTGRES_DIR: path.join(dir, "pg") }) });
  try {
    await waitForHttp("http://127.0.0.1:3144/api/ready", 120_000);
    const gina = new Client("http://127.0.0.1:3144");
    expect(await gina.signIn("gina")).not.toContain("error");
    expect((await gina.page("/")).text).toContain("Gina Global");
    expect(demo.output()).toContain("production build, demo data");
  } finally {
    await stop(demo);
    // npm may exit before the embedded PostgreSQL under it has finished writing its files.
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

test("after a build, `npm ci --omit=dev` is all `npm start` needs: no TypeScript runner, no embedded database", async () => {
  test.setTimeout(240_000);
  const dir = await mkdtemp("/var/tmp/kaizen-omit-dev-");
  for (const file of ["package.json", "package-lock.json", "prisma.config.ts", "scripts", "prisma"]) {
    await cp(path.join(projectRoot, file), path.join(dir, file), { recursive: true });
  }
  await mkdir(path.join(dir, ".next"));
  await cp(path.join(projectRoot, ".next", "standalone"), path.join(dir, ".next", "standalone"), { recursive: true });
  let server;
  try {
    const install = await runToEnd("npm", ["ci", "--omit=dev", "--no-audit", "--no-fund"], { cwd: dir, env: cleanEnv({}), timeoutMs: 180_000 });
    expect(install.code, install.output).toBe(0);
    // (typescript and the prisma CLI do come: @prisma/client asks for them as peers.)
    for (const dev of ["tsx", "embedded-postgres", "@prisma/schema-engine-wasm", "vitest"]) expect(existsSync(path.join(dir, "node_modules", dev)), dev).toBe(false);
    server = launch("npm", ["start"], {
      cwd: dir,
      // (The walks' database, not the attack suite's: this server's scheduled sweep must not queue
      // behind a row an attack test holds locked, attack/sign-in-cost.spec.ts.)
      env: cleanEnv({ PORT: "3145", DATABASE_URL: process.env.DATABASE_URL, AUTH_SECRET: SECRET, AUTH_TRUST_HOST: "true", EMAIL_TRANSPORT: "log" }),
    });
    await waitForHttp("http://127.0.0.1:3145/api/ready");
    const nora = new Client("http://127.0.0.1:3145");
    expect(await nora.signIn("nora")).not.toContain("error");
    expect((await nora.page("/")).text).toContain("Nora");
  } finally {
    await stop(server);
    await rm(dir, { recursive: true, force: true });
  }
});

test("with an https AUTH_URL every response says Strict-Transport-Security, and the policy upgrades requests", async () => {
  const port = Number(process.env.E2E_PORT ?? 3100) + 46;
  const base = `http://127.0.0.1:${port}`;
  const server = launch("npm", ["start"], {
    env: cleanEnv({ PORT: String(port), DATABASE_URL: process.env.DATABASE_URL, AUTH_SECRET: SECRET, AUTH_URL: "https://kaizen.example.test", EMAIL_TRANSPORT: "log" }),
  });
  try {
    await waitForHttp(`${base}/api/ready`);
    // A page, a redirect to sign in, and a path the middleware once skipped. (The TLS proxy in
    // front says the request was HTTPS; a browser ignores HSTS sent over plain HTTP anyway.)
    for (const path of ["/sign-in", "/items", "/robots.txt"]) {
      const response = await fetch(`${base}${path}`, { redirect: "manual", headers: { "x-forwarded-proto": "https" } });
      expect(response.headers.get("strict-transport-security"), path).toBe("max-age=63072000; includeSubDomains");
      expect(response.headers.get("content-security-policy"), path).toContain("upgrade-insecure-requests");
    }
  } finally {
    await stop(server);
  }
});
