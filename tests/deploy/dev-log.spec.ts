// A newcomer's first `npm run dev`: the log must not cry wolf. Opening a page compiles it (and the
// middleware and instrumentation beside it); after that the log has no error or warning line but
// the one Next.js 16 prints for the `middleware.ts` name, which the design keeps (README.md).
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cleanEnv, launch, stop, waitForHttp } from "../support/processes";

// Beside the runner's own servers (E2E_PORT and the two after it), so runs on other ports don't meet.
const port = Number(process.env.E2E_PORT ?? 3100) + 90;
const base = `http://127.0.0.1:${port}`;

/** Next.js 16's notice for the `middleware` file name, word for word: the one warning expected. */
const MIDDLEWARE_NOTICE = '⚠ The "middleware" file convention is deprecated. Please use "proxy" instead.';

/** The log's lines that say error or warning, without terminal colours. */
function alarms(log: string): string[] {
  const lines = log.replace(/\x1b\[[0-9;]*m/g, "").split("\n");
  return lines.map((line) => line.trim()).filter((line) => /\berror\b|\bwarn(ing)?\b|⚠/i.test(line));
}

test("npm run dev: after a page compiles, the log warns of nothing but the middleware file's name", async ({ page }) => {
  test.setTimeout(300_000);
  const dir = await mkdtemp("/var/tmp/kaizen-dev-log-");
  const dev = launch("npm", ["run", "dev"], { env: cleanEnv({ PORT: String(port), EMBEDDED_POSTGRES_DIR: path.join(dir, "pg") }) });
  try {
    await waitForHttp(`${base}/api/health`, 180_000);
    await page.goto(`${base}/sign-in`, { timeout: 120_000 });
    await expect(page.getByLabel("Username")).toBeVisible({ timeout: 60_000 });
    await expect.poll(() => dev.output(), { timeout: 30_000 }).toMatch(/GET \/sign-in 200/);

    expect(alarms(dev.output())).toEqual([MIDDLEWARE_NOTICE]);
  } finally {
    await stop(dev);
    await rm(dir, { recursive: true, force: true });
  }
});
