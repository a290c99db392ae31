// What the README tells people to run, run the way a person would: `npm run dev`, opened at
// http://127.0.0.1:<port> rather than localhost — where Next 16 serves its dev resources only to
// origins it was told about, and the page would never hydrate. The Impersonate window must open,
// and the local mailbox show the notice it sent, under the development Content-Security-Policy.
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { watchContentSecurityPolicy } from "../support/e2e";
import { cleanEnv, launch, stop, waitForHttp } from "../support/processes";

test("npm run dev, opened at 127.0.0.1: the page hydrates, the Impersonate window opens, the mailbox shows the notice", async ({ context, page }) => {
  test.setTimeout(420_000);
  const violations: string[] = [];
  await watchContentSecurityPolicy(context, violations);
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
    const dialog = page.getByRole("dialog", { name: "Impersonate Jane Doe?" });
    await expect(dialog).toBeVisible({ timeout: 30_000 });
    expect(dev.output()).toContain("Kaizen Hub is running at http://localhost:3150");

    // Development's policy: React's dev tooling needs eval, nothing else is loosened for scripts.
    const policy = (await page.request.get("http://127.0.0.1:3150/people")).headers()["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic' 'unsafe-eval'/);

    // Confirm and sign in again: the notice to Jane lands in the local mailbox, its email's inline
    // styles applied (a srcdoc frame obeys the page's policy).
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("impersonation-notice")).toBeVisible({ timeout: 120_000 });
    await page.getByLabel("Username").fill("gina");
    await page.getByLabel("Password").fill("kaizen-demo");
    await page.getByRole("button", { name: "Sign In" }).click();
    await expect(page.getByRole("region", { name: "Impersonation Mode" })).toBeVisible({ timeout: 120_000 });
    await expect(async () => {
      await page.goto("http://127.0.0.1:3150/dev/mailbox", { timeout: 120_000 });
      await expect(page.locator("iframe").first()).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 180_000, intervals: [2_000] });
    await expect(page.frameLocator("iframe").first().locator("body")).toHaveCSS("background-color", "rgb(241, 245, 249)");
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  } finally {
    await stop(dev);
    await rm(dir, { recursive: true, force: true });
  }
});
