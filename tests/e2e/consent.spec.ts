// Consent before access in Chromium against the production build, end to end through the UI: the
// organization turns on "Require the user's consent"; the administrator's Impersonate window offers
// Request access; the user grants access on their Account page; the administrator is told, and
// impersonates under the grant (the window and the banner say so); the user revokes it and the
// administrator's next request lands on the sign-in page saying why. Axe checks each new screen.
// In an organization of its own: the setting is organization-wide.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createOrganization, expect, fillSignIn, ownerSql, signInAs, test } from "../support/e2e";

test.describe.configure({ mode: "serial" });

const tag = Math.random().toString(36).slice(2, 7);
const u = { cleo: `cleo-${tag}`, carl: `carl-${tag}` };
let org: Awaited<ReturnType<typeof createOrganization>>;

test.beforeAll(async () => {
  org = await createOrganization(`Cyberdyne ${tag}`, [
    { username: u.cleo, name: "Cleo Cyberdyne", email: `cleo-${tag}@cyberdyne.test`, perms: ["GLOBAL_USER_ADMIN", "IMPERSONATE_USER"] },
    { username: u.carl, name: "Carl Cyberdyne", email: `carl-${tag}@cyberdyne.test` },
  ]);
});

async function expectAccessible(page: Page, where: string) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
  expect(serious, where).toEqual([]);
}

const impersonateIcon = async (page: Page, name: string) => {
  await page.goto("/people");
  await page.getByRole("row", { name }).hover();
  await page.getByRole("button", { name: `Impersonate ${name}` }).click();
};

test("asked, granted, used, revoked: consent before access through the UI", async ({ page, browser }) => {
  test.setTimeout(120_000);
  // The organization requires consent (Admin → Settings), and the change is recorded.
  await signInAs(page, u.cleo);
  await page.goto("/admin/settings");
  await page.getByLabel("Require the user's consent").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Settings saved.")).toBeVisible();
  await page.goto("/admin/timeline");
  await expect(page.getByTestId("timeline-entry").first()).toContainText("the user's consent not required → required");

  // No grant: the window says so and offers Request access instead of Confirm.
  await impersonateIcon(page, "Carl Cyberdyne");
  const ask = page.getByRole("dialog", { name: "Request access to Carl Cyberdyne's account?" });
  await expect(ask).toContainText("Carl Cyberdyne has not granted access");
  await expect(ask.getByRole("button", { name: "Confirm" })).toHaveCount(0);
  await expectAccessible(page, "the Impersonate window asking for access");
  await ask.getByLabel("Reason").fill("Your Board lost its filters");
  await ask.getByRole("button", { name: "Request access" }).click();
  await expect(ask.getByRole("status")).toContainText("Request sent: Carl Cyberdyne is emailed");
  const [asked] = await ownerSql<{ subject: string }>(`SELECT subject FROM "EmailMessage" WHERE kind = 'access-request' AND "toAddress" = $1`, [`carl-${tag}@cyberdyne.test`]);
  expect(asked?.subject).toBe("Kaizen Hub: Cleo Cyberdyne asks for access to your account");

  // Carl sees the request on his Account page and grants access for a day.
  const carl = await (await browser.newContext()).newPage();
  await signInAs(carl, u.carl);
  await carl.goto("/account");
  const section = carl.getByRole("region", { name: "Access for administrators" });
  await expect(section).toContainText("Cleo Cyberdyne asks for access: “Your Board lost its filters”");
  await expectAccessible(carl, "the Account page with a request waiting");
  await section.getByLabel("For how long").selectOption({ label: "1 day" });
  await section.getByRole("button", { name: "Grant access" }).click();
  await expect(section.getByRole("status")).toContainText("Access granted until");
  await carl.reload();
  await expect(section).toContainText("You granted access until");
  await expect(section.getByRole("button", { name: "Revoke access" })).toBeVisible();
  await expectAccessible(carl, "the Account page with access granted");

  // Cleo is told (by email, and in the console), and impersonates Carl under his grant.
  const [told] = await ownerSql<{ subject: string }>(`SELECT subject FROM "EmailMessage" WHERE kind = 'access-granted' AND "toAddress" = $1`, [`cleo-${tag}@cyberdyne.test`]);
  expect(told?.subject).toBe("Kaizen Hub: Carl Cyberdyne granted access to their account");
  await page.goto("/admin/impersonations");
  await expect(page.getByTestId("access-request-row")).toContainText(/Carl Cyberdyne.*Your Board lost its filters.*Granted, until/);
  await impersonateIcon(page, "Carl Cyberdyne");
  const confirm = page.getByRole("dialog", { name: "Impersonate Carl Cyberdyne?" });
  await expect(confirm).toContainText("It runs under the access Carl Cyberdyne granted, open until");
  await confirm.getByLabel("Reason").fill("Fixing the Board");
  await confirm.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("impersonation-notice")).toBeVisible();
  await fillSignIn(page, u.cleo);
  const banner = page.getByRole("region", { name: "Impersonation Mode" });
  await expect(banner).toContainText("Cleo Cyberdyne is signed in as Carl Cyberdyne");
  await expect(banner).toContainText("Under the access Carl Cyberdyne granted, until");

  // As Carl, Cleo cannot grant or revoke anything: the Account page offers no button for it.
  await page.goto("/account");
  await expect(page.getByRole("region", { name: "Access for administrators" })).toContainText("only Carl Cyberdyne can grant, revoke or decline access");
  await expect(page.getByRole("button", { name: "Revoke access" })).toHaveCount(0);

  // Carl revokes; Cleo's next request lands on the sign-in page, which says why.
  await carl.goto("/account");
  await section.getByRole("button", { name: "Revoke access" }).click();
  await expect(section.getByRole("status")).toContainText("Access revoked. The impersonation running under it ended.");
  await page.goto("/items");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByText("Impersonation Mode as Carl Cyberdyne ended because Carl Cyberdyne revoked access to their account.")).toBeVisible();
  const [ended] = await ownerSql<{ endReason: string }>(`SELECT "endReason"::text FROM "ImpersonationSession" WHERE "organizationId" = $1`, [org.id]);
  expect(ended?.endReason).toBe("CONSENT_REVOKED");

  // Carl's Account access shows the impersonation under his grant, and every step of his consent.
  await carl.goto("/account/access");
  await expect(carl.getByTestId("access-row")).toContainText("the user revoked access");
  const history = carl.getByRole("region", { name: "Access you granted, revoked or were asked for" });
  await expect(history.getByTestId("timeline-entry")).toHaveText([/revoked administrators' access.*1 impersonation ended/, /granted administrators access.*for 1 day/, /Cleo Cyberdyne asked Carl Cyberdyne for access/]);
  await expectAccessible(carl, "Account access with grants");
  await carl.context().close();
});
