// Attacks on Impersonation Mode: two at once from two browsers, a permission taken away while one
// runs, a notice silenced by changing the address first, twenty confirmations and re-logins at once.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { Client, DEMO_PASSWORD, idOf, impersonating, signedIn, sql } from "../support/attack";

const NAMES: Record<string, string> = { gina: "Gina Global", luis: "Luis Local", sid: "Sid Support", jane: "Jane Doe", sam: "Sam South", lena: "Lena Local" };
const banner = (page: Page) => page.getByRole("region", { name: "Impersonation Mode" });

/** A fresh browser in which `actor` impersonates `target` through the UI. */
async function browserImpersonating(browser: Browser, actor: string, target: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  const signIn = async () => {
    await page.getByLabel("Username").fill(actor);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign In" }).click();
  };
  await signIn();
  await expect(page.getByTestId("current-user")).toHaveText(NAMES[actor]!);
  await page.goto("/people");
  await page.getByRole("row", { name: NAMES[target]! }).hover();
  await page.getByRole("button", { name: `Impersonate ${NAMES[target]}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("impersonation-notice")).toBeVisible();
  await signIn();
  await expect(banner(page)).toContainText(`${NAMES[actor]} is signed in as ${NAMES[target]}`);
  return page;
}

test("one administrator, two browsers, two impersonations: the first ends when the second starts", async ({ browser }) => {
  const first = await browserImpersonating(browser, "gina", "jane");
  const second = await browserImpersonating(browser, "gina", "sam");
  await first.goto("/items");
  await expect(first).toHaveURL(/\/sign-in/);
  await expect(banner(first)).toHaveCount(0);
  await second.goto("/items");
  await expect(banner(second)).toContainText("Gina Global is signed in as Sam South");
  const rows = await sql<{ status: string; endReason: string | null }>(
    `SELECT status, "endReason" FROM "ImpersonationSession" WHERE "actorId" = $1 ORDER BY "startedAt" DESC LIMIT 2`,
    [await idOf("gina")],
  );
  expect(rows).toEqual([
    { status: "ACTIVE", endReason: null },
    { status: "ENDED", endReason: "SUPERSEDED" },
  ]);
  expect(await sql(`SELECT 1 FROM "ImpersonationSession" WHERE "actorId" = $1 AND status = 'ACTIVE'`, [await idOf("gina")])).toHaveLength(1);
  await banner(second).getByRole("button", { name: "Sign Out" }).click();
});

test("a permission taken away while an impersonation runs ends it at its next request, and says why", async ({ browser }) => {
  const page = await browserImpersonating(browser, "luis", "jane");
  const gina = await signedIn("gina");
  const [grant] = await sql<{ id: string }>(`SELECT id FROM "PermissionGrant" WHERE "userId" = $1 AND permission = 'IMPERSONATE_USER'`, [await idOf("luis")]);
  const revoked = await gina.action(`/admin/users/${await idOf("luis")}`, "revokePermissionAction", { userId: await idOf("luis"), grantId: grant!.id });
  expect(revoked.text).toContain("Permission revoked");
  await page.goto("/boards");
  await expect(page).toHaveURL(/\/sign-in/);
  // Recorded right after the response of the request that found it no longer allowed.
  const luis = await idOf("luis");
  await expect
    .poll(async () => (await sql(`SELECT 1 FROM "ImpersonationSession" WHERE "actorId" = $1 AND "endReason" = 'PERMISSIONS_CHANGED'`, [luis])).length, { timeout: 5_000 })
    .toBe(1);
  await gina.action(`/admin/users/${await idOf("luis")}`, "grantPermissionAction", { userId: await idOf("luis"), permission: "IMPERSONATE_USER" });
});

test("clearing the user's email first does not silence the notice: the old address gets it, and hears of the change", async () => {
  const gina = await signedIn("gina");
  const jane = await idOf("jane");
  const [row] = await sql<{ locationId: string }>(`SELECT "locationId" FROM "User" WHERE id = $1`, [jane]);
  const cleared = await gina.action(`/admin/users/${jane}`, "updateUserAction", { userId: jane, name: "Jane Doe", email: "", locationId: row!.locationId });
  expect(cleared.text).toContain("Saved");
  await impersonating("gina", "jane", "silence attempt");
  const [session] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = 'silence attempt'`);
  expect(await sql(`SELECT "toAddress" FROM "EmailMessage" WHERE "impersonationSessionId" = $1`, [session!.id])).toEqual([{ toAddress: "jane@acme.test" }]);
  expect(await sql(`SELECT 1 FROM "EmailMessage" WHERE kind = 'email-changed' AND "toAddress" = 'jane@acme.test'`)).toHaveLength(1);
  const admin = await signedIn("nora");
  await admin.action(`/admin/users/${jane}`, "updateUserAction", { userId: jane, name: "Jane Doe", email: "jane@acme.test", locationId: row!.locationId });
});

test("twenty confirmations by one administrator at once, then their re-logins, start one impersonation", async () => {
  // Twenty browsers signed in as sid (one after another: twenty sign-ins of one username at the same
  // instant would count as in-flight failures towards its lockout), then everything at once.
  const clients: Client[] = [];
  for (let i = 0; i < 20; i++) clients.push(await signedIn("sid"));
  const jane = await idOf("jane");
  await Promise.all(clients.map((c) => c.action("/people", "confirmImpersonationAction", { targetId: jane, reason: "race" })));
  // The re-logins in waves of five at once: an attempt counts as a failure towards the username's
  // lockout until its password is checked, so ten or more at once lock sid out by design, and the
  // one request still pending could be among those refused (hashes take turns: lib/auth/hash-slots).
  const results: string[] = [];
  for (let i = 0; i < clients.length; i += 5) {
    results.push(...(await Promise.all(clients.slice(i, i + 5).map((c) => c.signIn("sid", DEMO_PASSWORD, "impersonation")))));
  }
  expect(results.filter((r) => r.includes("code=locked"))).toEqual([]);
  expect(results.filter((r) => !r.includes("error"))).toHaveLength(1);
  expect(await sql(`SELECT 1 FROM "ImpersonationSession" WHERE "actorId" = $1 AND status = 'ACTIVE'`, [await idOf("sid")])).toHaveLength(1);
  expect(await sql(`SELECT 1 FROM "ImpersonationRequest" WHERE "actorId" = $1 AND status = 'PENDING'`, [await idOf("sid")])).toHaveLength(0);
  // What is left of sid's sessions here: sign the live one out.
  for (const c of clients) if ([...c.jar.keys()].some((k) => k.endsWith("session-token"))) await c.action("/", "signOutAction", {});
});
