// What the README tells people to run, run the way a person would: `npm run dev`, opened at
// http://127.0.0.1:<port> rather than localhost — where Next 16 serves its dev resources only to
// origins it was told about, and the page would never hydrate. The Impersonate window must open.
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cleanEnv, launch, stop, waitForHttp } from "./support";

test("npm run dev, opened at 127.0.0.1: the page hydrates and the Impersonate window opens", async ({ page }) => {
  test.setTimeout(300_000);
  const dir = await mkdtemp("/var/tmp/kaizen-dev-");
  const dev = launch("npm", ["run", "dev"], { env: cleanEnv({ PORT: "3150", EMBEDDED_POSTGRES_DIR: path.join(dir, "pg") }) });
  try {
    await waitForHttp("http://127.0.0.1:3150/api/health", 180_000);
    await page.goto("http://127.0.0.1:3150/sign-in", { timeout: 120_000 });
    await page.getByLabel("Username").fill("gina");
    await page.getByLabel("Password").fill("kaizen-demo");
    await page.getByRole("button", { name: "Sign In" }).click();
    await expect(page.getByTestId("current-user")).toHaveText("Gina Global", { timeout: 120_000 });
    await page.goto("http://127.0.0.1:3150/people", { timeout: 120_000 });
    await page.getByRole("row", { name: "Jane Doe" }).hover();
    await page.getByRole("button", { name: "Impersonate Jane Doe" }).click();
    await expect(page.getByRole("dialog", { name: "Impersonate Jane Doe?" })).toBeVisible({ timeout: 30_000 });
    expect(dev.output()).toContain("Kaizen Hub is running at http://localhost:3150");
  } finally {
    await stop(dev);
    await rm(dir, { recursive: true, force: true });
  }
});
