// Accessibility, checked by a machine: axe (WCAG 2.2 A/AA rules) on every page of the app, signed in
// as each kind of user — a Global and a Local User Administrator, a user, vendor support — and while
// impersonating, with the Impersonate window open too. Zero serious or critical violations.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { confirmImpersonation, createOrganization, expect, fillSignIn, impersonate, ownerSql, signInAs, sql, test } from "../support/e2e";

/** Runs axe on the page as it is and fails with every serious or critical violation, readably. */
async function expectAccessible(page: Page, where: string) {
  await page.waitForLoadState("networkidle");
  // Colours mid-transition (a button leaving its pending state) are not the page's colours.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  const serious = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(" ")} (${n.failureSummary?.replace(/\s+/g, " ")})`).slice(0, 5).join(" | ")}`);
  expect(serious, `${where} (${page.url()})`).toEqual([]);
}

async function visitAll(page: Page, who: string, paths: string[]) {
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), `${who} ${path}`).toBeLessThan(400);
    await expectAccessible(page, `${who} on ${path}`);
  }
}

const firstId = async (query: string) => (await sql<{ id: string }>(query))[0]!.id;

test("signed out: the sign-in page and its messages", async ({ page }) => {
  await page.goto("/sign-in");
  await expectAccessible(page, "the sign-in page");
  await fillSignIn(page, "nobody-here", "wrong-password-123");
  await expect(page.getByText("Incorrect username or password.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign In" })).toBeEnabled();
  await expectAccessible(page, "the sign-in page with an error");
});

/** Each kind of user and the pages they have (ids of the demo data looked up when the test runs). */
const VISITS: [string, string, (ids: Record<string, string>) => string[]][] = [
  ["gina", "a Global User Administrator", (id) => [...everyone(id), "/admin/users", `/admin/users/${id.jane}`, "/admin/users/new", "/admin/timeline", "/admin/impersonations", "/admin/lockouts", "/admin/settings"]],
  ["luis", "a Local User Administrator", (id) => ["/people", "/admin/users", `/admin/users/${id.lena}`, "/admin/impersonations", "/admin/timeline"]],
  ["jane", "a user", (id) => [...everyone(id), `/boards/${id.board}`]],
  ["sid", "vendor support", () => ["/", "/people", "/admin/users", "/admin/impersonations"]],
];
const everyone = (id: Record<string, string>) => ["/", "/people", "/items", `/items/${id.item}`, "/items/new", "/boards", "/account", "/account/access"];

for (const [who, kind, pages] of VISITS) {
  test(`every page of ${kind} (${who}), and the not-found page`, async ({ page }) => {
    // Sixteen pages, each checked by axe: about 40 s alone, past a minute on a busy machine.
    test.setTimeout(120_000);
    const ids = {
      item: await firstId(`SELECT i.id FROM "Item" i JOIN "Location" l ON l.id = i."locationId" WHERE l.name = 'ICU' ORDER BY i."createdAt" LIMIT 1`),
      board: await firstId(`SELECT id FROM "Board" WHERE name = 'ICU Huddle'`),
      jane: await firstId(`SELECT id FROM "User" WHERE username = 'jane'`),
      lena: await firstId(`SELECT id FROM "User" WHERE username = 'lena'`),
    };
    await signInAs(page, who);
    await visitAll(page, who, pages(ids));
    expect((await page.goto("/no-such-page"))?.status()).toBe(404);
    await expectAccessible(page, `the not-found page, ${who}`);
  });
}

test("while impersonating, the Impersonate window, and the user's Account access afterwards", async ({ page }) => {
  test.setTimeout(120_000); // a walk of pages checked by axe, as above
  const tag = Math.random().toString(36).slice(2, 7);
  const org = await createOrganization(`Umbrella ${tag}`, [
    { username: `uma-${tag}`, name: "Uma Umbrella", email: `uma-${tag}@umbrella.test`, perms: ["GLOBAL_USER_ADMIN", "IMPERSONATE_USER"] },
    { username: `ulf-${tag}`, name: "Ulf Umbrella", email: `ulf-${tag}@umbrella.test` },
  ]);
  await signInAs(page, `uma-${tag}`);
  await page.goto("/people");
  await page.getByRole("row", { name: "Ulf Umbrella" }).hover();
  await page.getByRole("button", { name: "Impersonate Ulf Umbrella" }).click();
  await expect(page.getByRole("dialog", { name: "Impersonate Ulf Umbrella?" })).toBeVisible();
  await expectAccessible(page, "the Impersonate window");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  await confirmImpersonation(page, "Ulf Umbrella", "accessibility check");
  await expectAccessible(page, "the sign-in page of an impersonation");
  await fillSignIn(page, `uma-${tag}`);
  const banner = page.getByRole("region", { name: "Impersonation Mode" });
  await expect(banner).toContainText("Uma Umbrella is signed in as Ulf Umbrella");
  await visitAll(page, "Uma as Ulf", ["/", "/people", "/items", "/items/new", "/boards", "/account", "/account/access"]);
  await banner.getByRole("button", { name: "Sign Out" }).click();
  await expect(page.getByTestId("sign-in-notice")).toBeVisible();
  await expectAccessible(page, "the sign-in page saying why it ended");

  const session = await firstId(`SELECT id FROM "ImpersonationSession" WHERE "organizationId" = '${org.id}'`);
  await signInAs(page, `uma-${tag}`);
  await visitAll(page, "uma", ["/admin/impersonations", `/admin/impersonations/${session}`, `/admin/users/${org.users[`ulf-${tag}`]}`, "/admin/settings"]);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await signInAs(page, `ulf-${tag}`);
  await visitAll(page, "ulf", ["/account/access", `/account/access/${session}`]);
});

test("the impersonation banner as it warns: the time limit five minutes ahead, then inactivity", async ({ page }) => {
  const tag = Math.random().toString(36).slice(2, 7);
  const org = await createOrganization(`Hooli ${tag}`, [
    { username: `hal-${tag}`, name: "Hal Hooli", email: null, perms: ["GLOBAL_USER_ADMIN", "IMPERSONATE_USER"] },
    { username: `hope-${tag}`, name: "Hope Hooli", email: null },
  ]);
  // A six-minute cap for this organization, so its warning comes before the inactivity cutoff.
  await ownerSql(`UPDATE "Organization" SET "impersonationMaxDurationSeconds" = 360 WHERE id = $1`, [org.id]);
  await page.clock.install();
  await impersonate(page, `hal-${tag}`, "Hope Hooli");
  const banner = page.getByRole("region", { name: "Impersonation Mode" });
  await expect(banner.getByTestId("time-limit")).toContainText(/Time left [56]:\d\d/);
  const announcement = banner.getByTestId("impersonation-announcement");
  await expect(announcement).toHaveText("");

  await page.clock.fastForward("01:30");
  await expect(banner.getByTestId("time-limit")).toContainText(/Time limit in 4:\d\d/);
  await expect(announcement).toHaveText("Impersonation Mode reaches its time limit in 5 minutes.");
  await expectAccessible(page, "the banner's time-limit warning");

  // The seconds tick on screen; what a screen reader hears does not change within the minute.
  await page.clock.fastForward("00:20");
  await expect(announcement).toHaveText("Impersonation Mode reaches its time limit in 5 minutes.");

  await page.clock.fastForward("02:20");
  await expect(banner.getByTestId("inactivity-warning")).toContainText("You will be signed out in");
  await expect(announcement).toHaveText(/will end in 1 minute without activity/);
  await expectAccessible(page, "the banner's inactivity warning");
});

test("by keyboard, a row shows a focus ring of enough contrast; on a touch screen the Impersonate icon needs no hover", async ({ page, browser }) => {
  await signInAs(page, "sid");
  await page.goto("/people");
  const row = page.getByRole("row", { name: "Jane Doe" });
  const icon = page.getByRole("button", { name: "Impersonate Jane Doe" });
  // Hidden until the row is hovered or focused (a mouse and a keyboard user)…
  await page.mouse.move(0, 0);
  await expect(icon).toHaveCSS("opacity", "0");
  await row.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab"); // focus arrives by keyboard, so :focus-visible applies
  await expect(row).toBeFocused();
  await expect(row).toHaveCSS("outline-style", "solid");
  await expect(row).toHaveCSS("outline-width", "2px");
  // The ring against the row's own background (WCAG 1.4.11 asks 3:1 of a focus indicator).
  const contrast = await row.evaluate((el) => {
    const rgb = (color: string) => {
      const canvas = document.createElement("canvas").getContext("2d")!;
      canvas.fillStyle = color;
      canvas.fillRect(0, 0, 1, 1);
      return [...canvas.getImageData(0, 0, 1, 1).data.slice(0, 3)];
    };
    const luminance = (color: string) => {
      const [r, g, b] = rgb(color).map((v) => v / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const style = getComputedStyle(el);
    const [a, b] = [luminance(style.outlineColor), luminance(style.backgroundColor)].sort((x, y) => y - x) as [number, number];
    return (a + 0.05) / (b + 0.05);
  });
  console.log(`[a11y] focus ring contrast ${contrast.toFixed(2)}:1`);
  expect(contrast).toBeGreaterThanOrEqual(3);
  await expect(icon).toHaveCSS("opacity", "1");

  // …and on a coarse pointer (a phone), visible without any hover.
  const phone = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  const touch = await phone.newPage();
  await signInAs(touch, "sid");
  await touch.goto("/people");
  await expect(touch.getByRole("button", { name: "Impersonate Jane Doe" })).toHaveCSS("opacity", "1");
  await phone.close();
});
