// Production's safe defaults: `npm start` starts and seeds nothing of its own, and stops — saying
// which variable — without its database, its secret or a decision about email. The demo is asked
// for by name: `npm run demo`.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { Client } from "../attack/support";
import { cleanEnv, launch, runToEnd, stop, waitForHttp } from "./support";

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
    await rm(dir, { recursive: true, force: true });
  }
});
