// End-to-end tests in Chromium against the production build. Run through `npm run test:e2e`
// (scripts/e2e.ts), which prepares the database, the build and the browser, and sets the
// environment read here.
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
  ],
  webServer: [
    {
      command: "npx tsx scripts/run.ts start",
      url: `${baseURL}/sign-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { PORT: String(port) },
    },
    {
      command: "npx tsx scripts/run.ts start",
      url: `${idleBaseURL}/sign-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { PORT: String(port + 1), IMPERSONATION_IDLE_TIMEOUT_SECONDS: String(IDLE_LIMIT_SECONDS) },
    },
    {
      command: "npx tsx scripts/run.ts start",
      url: `${attackBaseURL}/sign-in`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        PORT: String(port + 2),
        DATABASE_URL: process.env.ATTACK_DATABASE_URL ?? "",
        DIRECT_URL: process.env.ATTACK_DIRECT_URL ?? "",
        SESSION_IDLE_TIMEOUT_SECONDS: "20",
        IMPERSONATION_IDLE_TIMEOUT_SECONDS: "10",
      },
    },
  ],
});
