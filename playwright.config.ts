// End-to-end tests in Chromium against the production build — the standalone server, started by the
// real `npm start` (scripts/start.mjs). Run through `npm run test:e2e` (scripts/e2e.ts), which
// builds, migrates and seeds the databases, finds the browser, and sets the environment read here.
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
// A second server of the same build with a short impersonation idle limit, for the cutoff tests.
export const IDLE_LIMIT_SECONDS = 12;
const idleBaseURL = `http://127.0.0.1:${port + 1}`;
// A third, for the attack suite (tests/attack): its own database (the runner makes it), and short
// idle limits so the idle attacks need no long waits.
const attackBaseURL = `http://127.0.0.1:${port + 2}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  outputDir: "test-results/e2e",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH,
      // As root Chromium needs --no-sandbox; offline it stays quiet with the rest.
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", testIgnore: /idle\.spec\.ts/, use: { ...devices["Desktop Chrome"] } },
    { name: "idle-cutoff", testMatch: /idle\.spec\.ts/, use: { ...devices["Desktop Chrome"], baseURL: idleBaseURL } },
    // One file at a time: the attacks share the demo users of their database.
    { name: "attack", testDir: "tests/attack", workers: 1, timeout: 180_000, use: { ...devices["Desktop Chrome"], baseURL: attackBaseURL } },
    // Deploying: the standalone build copied away from the project, on the system's own PostgreSQL,
    // two instances; the safe defaults of `npm start`; and `npm run dev` opened at 127.0.0.1. Each
    // test starts what it needs.
    { name: "deploy", testDir: "tests/deploy", workers: 1, timeout: 300_000, use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: [
    {
      command: "node scripts/start.mjs",
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      // The audit-streaming spec's receiver listens on 127.0.0.1: this server may deliver there.
      env: { PORT: String(port), EMAIL_TRANSPORT: "log", AUDIT_STREAM_ALLOW_PRIVATE: "1" },
    },
    {
      command: "node scripts/start.mjs",
      url: `${idleBaseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { PORT: String(port + 1), EMAIL_TRANSPORT: "log", IMPERSONATION_IDLE_TIMEOUT_SECONDS: String(IDLE_LIMIT_SECONDS) },
    },
    {
      command: "node scripts/start.mjs",
      url: `${attackBaseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port + 2),
        DATABASE_URL: process.env.ATTACK_DATABASE_URL ?? "",
        DIRECT_URL: process.env.ATTACK_DIRECT_URL ?? "",
        EMAIL_TRANSPORT: "log",
        SESSION_IDLE_TIMEOUT_SECONDS: "20",
        IMPERSONATION_IDLE_TIMEOUT_SECONDS: "10",
        // No timer: tests/attack/reads.spec.ts counts every write; the tests run the cron route.
        SCHEDULER_INTERVAL_SECONDS: "0",
      },
    },
  ],
});
