// The impersonation inactivity cutoff (issue 5), against a server whose limit is IDLE_LIMIT_SECONDS.
// luis is the actor throughout: one pending request per actor, and the other files run gina and sid
// at the same time.
import type { Page } from "@playwright/test";
import { sessionBinding, signActivity } from "@/lib/auth/edge/activity";
import { IDLE_LIMIT_SECONDS } from "@/playwright.config";
import { expect, impersonate, signInAs, sql, test } from "../support/e2e";

const LIMIT_MS = IDLE_LIMIT_SECONDS * 1000;
const banner = (page: Page) => page.getByRole("region", { name: "Impersonation Mode" });

async function runSweep(page: Page) {
  const response = await page.request.get("/api/cron/sweep", { headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } });
  expect(response.status()).toBe(200);
}

test("staying idle past the limit lands on the sign-in page with the inactivity message", async ({ page }) => {
  await impersonate(page, "luis", "Jane Doe");
  await expect(page).toHaveURL(/\/sign-in\?notice=inactivity/, { timeout: LIMIT_MS + 8_000 });
  await expect(page.getByText("You were signed out because there was no activity for a while.")).toBeVisible();
  await page.goto("/people");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(banner(page)).toHaveCount(0);
});

test("regular clicks keep the session alive past the limit", async ({ page }) => {
  await impersonate(page, "luis", "Lena Local");
  const started = Date.now();
  const links = ["People", "Items", "Boards", "Home"];
  for (let i = 0; Date.now() - started < LIMIT_MS * 2; i++) {
    await page.waitForTimeout(LIMIT_MS / 3);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: links[i % links.length]!, exact: true }).click();
    await expect(banner(page)).toContainText("Luis Local is signed in as Lena Local");
  }
  await page.reload();
  await expect(banner(page)).toContainText("Luis Local is signed in as Lena Local");
  await expect(page.getByTestId("current-user")).toHaveText("Lena Local");
});

test("the countdown warns before the cutoff and Stay signed in works", async ({ page }) => {
  await impersonate(page, "luis", "Jane Doe");
  const warning = page.getByTestId("inactivity-warning");
  await expect(warning).toContainText(/You will be signed out in 0:(1\d|0\d)/);
  await page.waitForTimeout(LIMIT_MS - 4_000);
  await expect(warning).toContainText(/signed out in 0:0[0-4]/);
  await warning.getByRole("button", { name: "Stay signed in" }).click();
  await expect(warning).toContainText(/signed out in 0:1[01]/);
  // Past the original cutoff, still impersonating.
  await page.waitForTimeout(6_000);
  await page.reload();
  await expect(banner(page)).toContainText("Luis Local is signed in as Jane Doe");
});

test("the Admin Timeline shows the timeout with the right end time", async ({ page }) => {
  await impersonate(page, "luis", "Jane Doe", "idle timeout check");
  const lastActivity = Date.now();
  await expect(page).toHaveURL(/\/sign-in\?notice=inactivity/, { timeout: LIMIT_MS + 8_000 });
  await page.waitForTimeout(2_500);
  await runSweep(page);

  const [row] = await sql<{ id: string; status: string; endReason: string; endedAt: Date; lastActivityAt: Date }>(
    `SELECT id, status, "endReason", "endedAt", "lastActivityAt" FROM "ImpersonationSession" WHERE reason = 'idle timeout check'`,
  );
  expect(row).toMatchObject({ status: "ENDED", endReason: "INACTIVITY" });
  // The real end: last activity + the limit, not when the sweep noticed.
  expect(row!.endedAt.getTime() - row!.lastActivityAt.getTime()).toBe(LIMIT_MS);
  expect(Math.abs(row!.endedAt.getTime() - (lastActivity + LIMIT_MS))).toBeLessThan(3_000);

  await signInAs(page, "gina");
  await page.goto("/admin/timeline");
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "ended the impersonation of Jane Doe: inactivity" }).first()).toBeVisible();
  await page.goto(`/admin/impersonations/${row!.id}`);
  await expect(page.getByText("Ended: inactivity")).toBeVisible();
  const endedText = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(row!.endedAt);
  await expect(page.locator("dl")).toContainText(`${endedText} UTC`);
});

test("after the cutoff, a request that gets past the middleware is refused by the server itself", async ({ page, browser }) => {
  const reason = `bypass check ${Date.now()}`;
  await impersonate(page, "luis", "Lena Local", reason);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === "authjs.session-token")!;
  await page.close(); // nobody at the keyboard

  const [active] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = $1`, [reason]);
  await new Promise((r) => setTimeout(r, LIMIT_MS + 4_000));

  const other = await browser.newContext();
  // CVE-2025-29927's header does not skip the middleware: the stale session is refused there.
  await other.addCookies([session]);
  const viaHeader = await other.request.get("/boards", {
    maxRedirects: 0,
    headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
  });
  expect(viaHeader.status()).toBe(307);
  expect(viaHeader.headers().location).toContain("/sign-in?notice=inactivity");

  // A request the middleware would pass (as if it had been skipped): a freshly signed timestamp.
  // The server checks the impersonation in the database and signs it out all the same.
  const fresh = await signActivity(
    process.env.AUTH_SECRET!,
    sessionBinding({ impersonation: { id: active!.id, startedAt: "", absoluteExpiresAt: "", idleTimeoutSeconds: IDLE_LIMIT_SECONDS } }),
    Math.floor(Date.now() / 1000),
  );
  // (The refusal above deleted the session cookie in this context: put it back.)
  await other.addCookies([session, { ...session, name: "kaizen.activity", value: fresh }]);
  const bypass = await other.newPage();
  const response = await bypass.goto("/boards");
  expect(response?.request().redirectedFrom()?.url()).toMatch(/\/boards$/);
  await expect(bypass).toHaveURL(/\/sign-in/);
  await expect(bypass.getByRole("region", { name: "Impersonation Mode" })).toHaveCount(0);
  // Recorded right after the response of the request that found it over.
  await expect
    .poll(async () => (await sql<{ status: string; endReason: string }>(`SELECT status, "endReason" FROM "ImpersonationSession" WHERE id = $1`, [active!.id]))[0], { timeout: 5_000 })
    .toEqual({ status: "ENDED", endReason: "INACTIVITY" });
  await other.close();
});
