// Deploying like a product: the standalone build, laid out away from the project as the Dockerfile's
// last stage lays it out (no node_modules, no sources, no dev dependencies) and run with its CMD, on a PostgreSQL
// the app did not start (the system's own, two roles, password authentication), migrated by the
// deploy step `npm run db:deploy`, two instances behind no sticky session, email through the real
// Resend SDK to a fake Resend API.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import pg from "pg";
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { enqueueEmail } from "@/lib/email/outbox";
import { renderImpersonationNotice } from "@/lib/email/render";
import { MIGRATIONS } from "@/lib/generated/migrations";
import { startSystemPostgres, type SystemPostgres } from "@/scripts/lib/system-postgres";
import { Client } from "../support/attack";
import { startFakeResend } from "../support/fake-resend";
import { execForm, finalStage, layOutLikeTheImage, readDockerfile } from "./dockerfile";
import { cleanEnv, launch, projectRoot, runToEnd, stop, waitForHttp, type Running } from "../support/processes";

test.describe.configure({ mode: "serial" });

const PORTS = [3131, 3132];
const bases = PORTS.map((p) => `http://127.0.0.1:${p}`);
const OWNER = { name: "kaizen_owner", password: "owner-password" };
const APP = { name: "kaizen_app", password: "app-password" };
const cronSecret = randomBytes(24).toString("hex");
const RESEND_RATE = 20;

let postgres: SystemPostgres;
let fake: Awaited<ReturnType<typeof startFakeResend>>;
let deployDir: string;
let ownerUrl: string;
let appUrl: string;
let owner: PrismaClient;
const instances: Running[] = [];

async function asSuperuser(sql: string) {
  const client = new pg.Client({ connectionString: postgres.url("postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const deployEnv = () => cleanEnv({ NODE_ENV: "production", DATABASE_URL: appUrl, DIRECT_URL: ownerUrl });

/** The image's CMD, run in the laid-out folder. */
function imageCommand(): [string, string[]] {
  const cmd = finalStage().instructions.filter((i) => i.keyword === "CMD").at(-1)!;
  const [program, ...args] = execForm(cmd.args);
  expect(program).toBe("node");
  return [process.execPath, args];
}

function startInstance(i: number): Running {
  const [node, args] = imageCommand();
  const running = launch(node, args, {
    cwd: deployDir,
    env: cleanEnv({
      PORT: String(PORTS[i]),
      DATABASE_URL: appUrl,
      AUTH_SECRET: "a-deploy-test-secret-that-is-long-enough-123",
      AUTH_TRUST_HOST: "true",
      // Links in emails start with it (the summary's links are checked below).
      AUTH_URL: `http://127.0.0.1:${PORTS[i]}`,
      RESEND_API_KEY: "re_deploy_test",
      EMAIL_FROM: "Kaizen Hub <notices@kaizen.test>",
      RESEND_BASE_URL: fake.url,
      // Resend's limit as the fake enforces it in the drain test below: the instances share it.
      RESEND_MAX_PER_SECOND: String(RESEND_RATE),
      CRON_SECRET: cronSecret,
    }),
  });
  instances[i] = running;
  return running;
}

const cron = (i: number) => fetch(`${bases[i]}/api/cron/sweep`, { headers: { authorization: `Bearer ${cronSecret}` } });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  fake = await startFakeResend();
  postgres = await startSystemPostgres(55_960);
  await asSuperuser(`CREATE ROLE ${OWNER.name} LOGIN PASSWORD '${OWNER.password}'`);
  await asSuperuser(`CREATE ROLE ${APP.name} LOGIN PASSWORD '${APP.password}' NOSUPERUSER NOCREATEDB NOCREATEROLE`);
  await asSuperuser(`CREATE DATABASE kaizen OWNER ${OWNER.name}`);
  ownerUrl = postgres.url("kaizen", OWNER);
  appUrl = postgres.url("kaizen", APP);
  owner = createPrismaClient(ownerUrl, { max: 2 });

  // The build, away from the project: what the container image holds.
  deployDir = await mkdtemp("/var/tmp/kaizen-deploy-");
  expect(await layOutLikeTheImage(deployDir)).toEqual(["/app/.next/standalone → ./", "/app/scripts/start.mjs → ./start.mjs"]);
});

test.afterAll(async () => {
  for (const running of instances) await stop(running);
  await owner?.$disconnect();
  await postgres?.stop();
  await fake?.close();
  if (deployDir) await rm(deployDir, { recursive: true, force: true });
});

test("npm run db:deploy migrates once under its lock, twice at once, and refuses a drifted database", async () => {
  const [a, b] = await Promise.all([runToEnd("npm", ["run", "db:deploy"], { env: deployEnv() }), runToEnd("npm", ["run", "db:deploy"], { env: deployEnv() })]);
  expect(a.code, a.output).toBe(0);
  expect(b.code, b.output).toBe(0);
  const applied = await owner.$queryRaw<{ migration_name: string }[]>`SELECT migration_name FROM _prisma_migrations ORDER BY migration_name`;
  expect(applied.map((r) => r.migration_name)).toEqual([...MIGRATIONS]);
  expect(`${a.output}${b.output}`).toContain("No pending migrations");

  const status = await runToEnd("npm", ["run", "db:status"], { env: deployEnv() });
  expect(status.code).toBe(0);
  expect(status.output).toContain(`Applied (${MIGRATIONS.length})`);
  expect(status.output).toContain("Pending (0): none");

  // A migration changed after it was applied: refused, nothing touched.
  const first = MIGRATIONS[0]!;
  const [row] = await owner.$queryRaw<{ checksum: string }[]>`SELECT checksum FROM _prisma_migrations WHERE migration_name = ${first}`;
  const checksum = row!.checksum;
  await owner.$executeRaw`UPDATE _prisma_migrations SET checksum = 'edited' WHERE migration_name = ${first}`;
  const drifted = await runToEnd("npm", ["run", "db:deploy"], { env: deployEnv() });
  expect(drifted.code).toBe(1);
  expect(drifted.output).toContain(`${first} was changed after it was applied`);
  await owner.$executeRaw`UPDATE _prisma_migrations SET checksum = ${checksum} WHERE migration_name = ${first}`;

  // A migration that failed earlier: refused, with what to do.
  await owner.$executeRaw`INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count, logs) VALUES ('failed-one', 'x', '29990101000000_half_done', now(), 0, 'relation "x" already exists')`;
  const failed = await runToEnd("npm", ["run", "db:deploy"], { env: deployEnv() });
  expect(failed.code).toBe(1);
  expect(failed.output).toContain("29990101000000_half_done failed earlier and was never finished");
  expect((await runToEnd("npm", ["run", "db:status"], { env: deployEnv() })).code).toBe(2);
  await owner.$executeRaw`DELETE FROM _prisma_migrations WHERE id = 'failed-one'`;

  // The demo data, asked for by name (a real deployment would not).
  const seeded = await runToEnd("npm", ["run", "db:seed"], { env: deployEnv() });
  expect(seeded.code, seeded.output).toBe(0);
});

test("the Dockerfile: the steps tested here, a non-root server, the deploy step as its own target", async () => {
  const stages = readDockerfile();
  const runs = (name: string) => stages.find((s) => s.name === name)!.instructions.filter((i) => i.keyword === "RUN").map((i) => i.args);
  expect(runs("deps")).toEqual([expect.stringMatching(/^npm ci\b/)]);
  expect(runs("build")).toEqual(["npm run build"]);
  const migrate = stages.find((s) => s.name === "migrate")!;
  expect(execForm(migrate.instructions.find((i) => i.keyword === "CMD")!.args)).toEqual(["npm", "run", "db:deploy"]);
  const scripts = (JSON.parse(await readFile(path.join(projectRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  expect(Object.keys(scripts)).toEqual(expect.arrayContaining(["build", "db:deploy"]));
  const runner = finalStage(stages);
  const user = runner.instructions.filter((i) => i.keyword === "USER").at(-1)?.args;
  expect(user).toBeDefined();
  expect(["root", "0"]).not.toContain(user);
  expect(runner.instructions.some((i) => i.keyword === "HEALTHCHECK")).toBe(true);
  // Only what the server needs: no node_modules from the build, no sources.
  expect(runner.instructions.filter((i) => i.keyword === "COPY").map((i) => i.args)).not.toContainEqual(expect.stringMatching(/node_modules|\/app\/(lib|app|scripts)\/?\s/));
});

/** The image's HEALTHCHECK command against an instance: its exit code. */
async function healthcheck(port: number) {
  const check = finalStage().instructions.find((i) => i.keyword === "HEALTHCHECK")!;
  const [program, ...args] = execForm(check.args.slice(check.args.indexOf("CMD")));
  expect(program).toBe("node");
  return (await runToEnd(process.execPath, args, { cwd: deployDir, env: cleanEnv({ PORT: String(port) }), timeoutMs: 10_000 })).code;
}

test("two instances of the standalone build come up healthy and ready", async () => {
  startInstance(0);
  startInstance(1);
  for (const [i, base] of bases.entries()) {
    await waitForHttp(`${base}/api/health`);
    expect(await healthcheck(PORTS[i]!)).toBe(0);
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
  }
  expect(await healthcheck(3139)).toBe(1); // nothing listens there
  // A database behind this build's migrations: not ready, and says which.
  const last = MIGRATIONS.at(-1)!;
  await owner.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = ${last}`;
  const behind = await fetch(`${bases[0]}/api/ready`);
  expect(behind.status).toBe(503);
  expect(await behind.json()).toMatchObject({ ready: false, pending: [last] });
  await owner.$executeRaw`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = ${last}`;
});

const NAMES: Record<string, string> = { gina: "Gina Global", jane: "Jane Doe", luis: "Luis Local" };

async function signIn(page: Page, base: string, username: string) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("kaizen-demo");
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(NAMES[username]!);
}

test("the acceptance path: sign in, impersonate, banner, an attributed change, sign out, the email through Resend", async ({ page }) => {
  const [base] = bases;
  await signIn(page, base!, "gina");
  await expect(page.getByTestId("current-user")).toHaveText("Gina Global");
  await page.goto(`${base}/people`);
  await page.getByRole("row", { name: "Jane Doe" }).hover();
  await page.getByRole("button", { name: "Impersonate Jane Doe" }).click();
  const dialog = page.getByRole("dialog", { name: "Impersonate Jane Doe?" });
  await expect(dialog).toContainText("Jane Doe will be emailed that an administrator signed in as them.");
  await dialog.getByLabel("Reason").fill("deploy acceptance");
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("impersonation-notice")).toBeVisible();
  await page.getByLabel("Username").fill("gina");
  await page.getByLabel("Password").fill("kaizen-demo");
  await page.getByRole("button", { name: "Sign In" }).click();
  const banner = page.getByRole("region", { name: "Impersonation Mode" });
  await expect(banner).toContainText("Gina Global is signed in as Jane Doe");

  await page.goto(`${base}/items`);
  await page.getByRole("link", { name: "Move glove boxes beside each bed" }).click();
  await page.getByLabel("Title").fill("Move glove boxes beside every bed");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  const event = page.getByRole("list", { name: "Timeline" }).getByTestId("timeline-entry").first();
  await expect(event).toContainText("Jane Doe edited title");
  await expect(event).toContainText("done by Gina Global while impersonating");

  await banner.getByRole("button", { name: "Sign Out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=/);
  await expect(page.getByTestId("sign-in-notice")).toHaveText(/You signed out of Impersonation Mode as Jane Doe/);

  // Two emails to Jane through the real resend SDK: the notice when it began, the summary when it ended.
  const toJane = () => fake.delivered.filter((m) => m.to === "jane@acme.test");
  await expect.poll(() => toJane().length, { timeout: 20_000 }).toBe(2);
  const notice = toJane().find((m) => m.subject === "Kaizen Hub: A Kaizen Hub Administrator has signed in as you");
  expect(notice).toMatchObject({ from: "Kaizen Hub <notices@kaizen.test>" });
  expect(String(notice!.text)).toContain("An administrator, Gina Global, has temporarily signed in to your account");
  expect(String(notice!.text)).toContain("/account/access");
  const summary = toJane().find((m) => m.subject === "Kaizen Hub: An administrator has finished using your account");
  expect(String(summary!.text)).toContain("Gina Global was signed in as you");
  expect(String(summary!.text)).toContain("It ended: signed out.");
  expect(String(summary!.text)).toContain("1 change was made as you");
  expect(String(summary!.text)).toContain("Item “Move glove boxes beside every bed”");
  const [session] = await owner.$queryRaw<{ id: string }[]>`SELECT id FROM "ImpersonationSession" WHERE reason = 'deploy acceptance'`;
  expect(String(summary!.html)).toContain(`${base}/account/access/${session!.id}`);

  // Jane sees it on her Account access page, with the change made as her.
  await page.getByLabel("Username").fill("jane");
  await page.getByLabel("Password").fill("kaizen-demo");
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect(page.getByTestId("current-user")).toHaveText("Jane Doe");
  await page.getByRole("link", { name: "Account access" }).click();
  const row = page.getByTestId("access-row").filter({ hasText: "deploy acceptance" });
  await expect(row).toContainText("Gina Global");
  await expect(row).toContainText("Ended: signed out");
  await row.getByRole("link", { name: "What Gina Global did as you" }).click();
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Jane Doe edited title" })).toContainText("done by Gina Global while impersonating");
  await page.getByRole("button", { name: "Sign Out" }).click();

  await signIn(page, base!, "gina");
  await page.goto(`${base}/admin/impersonations/${session!.id}`);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "the notification email to Jane Doe was sent (jane@acme.test)" })).toHaveCount(1);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "the summary email to Jane Doe was sent (jane@acme.test)" })).toHaveCount(1);
});

test("one database, two instances: signed in on one, going on on the other; an impersonation revoked on the other ends", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, bases[0]!, "jane");
  await expect(page.getByTestId("current-user")).toHaveText("Jane Doe");
  await page.goto(`${bases[1]}/boards`); // the other instance: no sticky session needed
  await expect(page.getByTestId("current-user")).toHaveText("Jane Doe");
  await expect(page.getByRole("link", { name: "ICU Huddle" })).toBeVisible();

  const luis = await (await browser.newContext()).newPage();
  await signIn(luis, bases[0]!, "luis");
  await luis.goto(`${bases[0]}/people`);
  await luis.getByRole("row", { name: "Lena Local" }).hover();
  await luis.getByRole("button", { name: "Impersonate Lena Local" }).click();
  await luis.getByRole("dialog").getByLabel("Reason").fill("two instances");
  await luis.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  await expect(luis.getByTestId("impersonation-notice")).toBeVisible();
  await luis.getByLabel("Username").fill("luis");
  await luis.getByLabel("Password").fill("kaizen-demo");
  await luis.getByRole("button", { name: "Sign In" }).click();
  await expect(luis.getByRole("region", { name: "Impersonation Mode" })).toContainText("Luis Local is signed in as Lena Local");

  const [session] = await owner.$queryRaw<{ id: string }[]>`SELECT id FROM "ImpersonationSession" WHERE reason = 'two instances'`;
  const nora = new Client(bases[1]);
  expect(await nora.signIn("nora")).not.toContain("error");
  const revoked = await nora.action("/admin/impersonations", "revokeImpersonationAction", { sessionId: session!.id });
  expect(revoked.text).toContain("Impersonation ended");
  await luis.goto(`${bases[0]}/items`);
  await expect(luis).toHaveURL(/\/sign-in/);
  await expect(luis.getByRole("region", { name: "Impersonation Mode" })).toHaveCount(0);
});

async function enqueue(n: number, prefix: string) {
  const [org] = await owner.$queryRaw<{ id: string }[]>`SELECT id FROM "Organization" WHERE name = 'Acme Health'`;
  const email = await renderImpersonationNotice({ appName: "Kaizen Hub", actorName: "Gina Global", targetName: "Jane Doe" });
  for (let i = 0; i < n; i++) {
    await enqueueEmail(owner, { ...email, organizationId: org!.id, kind: "test", to: `${prefix}-${i}@acme.test`, idempotencyKey: `${prefix}-${i}` });
  }
}

test("both instances drain one outbox at once, each message is delivered once, and together they keep to Resend's rate", async () => {
  fake.reset();
  await enqueue(40, "both");
  fake.setRateLimit(RESEND_RATE); // the fake answers 429 past it, as Resend does
  fake.setDelay(150); // a provider slow enough that the two drains overlap
  const first = cron(0);
  await new Promise((r) => setTimeout(r, 300));
  const [one, two] = await Promise.all([first, cron(1)]);
  fake.setDelay(0);
  fake.setRateLimit(null);
  expect(fake.tooMany).toBe(0); // the budget in PostgreSQL is shared by both instances
  const sentBy = [(await one.json()) as { email: { sent: number } }, (await two.json()) as { email: { sent: number } }].map((r) => r.email.sent);
  expect(sentBy[0]).toBeGreaterThan(0);
  expect(sentBy[1]).toBeGreaterThan(0);
  expect(sentBy[0]! + sentBy[1]!).toBeLessThanOrEqual(40); // (a drain after a request may have taken some)
  const keys = fake.requests.map((r) => r.headers["idempotency-key"]);
  expect(keys).toHaveLength(40);
  expect(new Set(keys).size).toBe(40);
  expect(fake.delivered).toHaveLength(40);
  const [sent] = await owner.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "EmailMessage" WHERE "idempotencyKey" LIKE 'both-%' AND status = 'SENT'`;
  expect(Number(sent!.n)).toBe(40);
});

test("production logs carry no email addresses or bodies", async () => {
  for (const running of instances) {
    expect(running.output()).not.toMatch(/jane@acme\.test|both-\d+@acme\.test|has temporarily signed in/);
  }
});

test("SIGTERM: no new requests, the one in flight finishes, the email being sent completes, the rest wait for another instance", async () => {
  fake.requests.length = 0;
  await enqueue(5, "sigterm");
  fake.setDelay(1_500);
  const inFlight = cron(1);
  await new Promise((r) => setTimeout(r, 500));
  const two = instances[1]!;
  two.child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 300));
  await expect(fetch(`${bases[1]}/api/health`)).rejects.toThrow(); // no longer taking requests
  const answer = await inFlight;
  expect(answer.status).toBe(200);
  // (Keeping to the send budget, a sender claims one message at a time: the others were never taken.)
  expect(((await answer.json()) as { email: { sent: number; released: number } }).email).toMatchObject({ sent: 1 });
  expect(await two.exited).toBe(0);
  expect(two.output()).toContain("Stopped.");
  fake.setDelay(0);
  const rows = await owner.$queryRaw<{ status: string; lockedUntil: Date | null; attempts: number }[]>`
    SELECT status, "lockedUntil", attempts FROM "EmailMessage" WHERE "idempotencyKey" LIKE 'sigterm-%' ORDER BY status`;
  expect(rows.filter((r) => r.status === "SENT")).toHaveLength(1);
  expect(rows.filter((r) => r.status === "PENDING" && r.lockedUntil === null && r.attempts === 0)).toHaveLength(4);
  // …and another instance takes them at once.
  const answerOne = await cron(0);
  expect(((await answerOne.json()) as { email: { sent: number } }).email.sent).toBe(4);
});
