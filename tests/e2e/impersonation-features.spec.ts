// Impersonation Mode as an organization tunes it and its console finds it, in Chromium against the
// production build: the settings page, a required reason, view-only, the banner's time left, the
// console's filters, paging, exports and End all, the sign-in page's reason for every ending, and
// dates in the viewer's time zone. These change organization-wide settings, so they run in an
// organization of their own (Initech), never the demo organization the other specs share.
import { request as playwrightRequest, type Page } from "@playwright/test";
import { confirmImpersonation, createOrganization, expect, fillSignIn, impersonate, ownerSql, signInAs, test } from "../support/e2e";

test.describe.configure({ mode: "serial" });

const tag = Math.random().toString(36).slice(2, 7);
const u = { ivy: `ivy-${tag}`, ian: `ian-${tag}`, iris: `iris-${tag}`, ike: `ike-${tag}` };
let org: Awaited<ReturnType<typeof createOrganization>>;

test.beforeAll(async () => {
  org = await createOrganization(`Initech ${tag}`, [
    { username: u.ivy, name: "Ivy Initech", email: `ivy-${tag}@initech.test`, perms: ["GLOBAL_USER_ADMIN", "IMPERSONATE_USER"] },
    { username: u.ian, name: "Ian Initech", email: `ian-${tag}@initech.test`, perms: ["GLOBAL_USER_ADMIN"] },
    { username: u.iris, name: "Iris Initech", email: `iris-${tag}@initech.test` },
    { username: u.ike, name: "Ike Initech", email: null },
  ]);
});

/** The organization's settings, through the Settings page as a Global User Administrator would. */
async function saveSettings(page: Page, change: (page: Page) => Promise<void>) {
  await page.goto("/admin/settings");
  await change(page);
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText(/^(Settings saved|Nothing to change)\.$/)).toBeVisible();
}

const banner = (page: Page) => page.getByRole("region", { name: "Impersonation Mode" });

test("settings: only Global User Administrators, within the server's limits, every change in the Admin Timeline", async ({ page, browser }) => {
  await signInAs(page, u.ivy);
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();

  // Beyond the server's limit (5 min idle, 60 min cap by default): refused, field by field, nothing saved.
  await page.getByLabel("Inactivity limit (minutes)").fill("9");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("At most 5 minutes (this server's limit).").last()).toBeVisible();
  await expect(page.getByLabel("Inactivity limit (minutes)")).toHaveAttribute("aria-invalid", "true");
  expect(await ownerSql(`SELECT "impersonationIdleTimeoutSeconds" AS s FROM "Organization" WHERE id = $1`, [org.id])).toEqual([{ s: null }]);

  await saveSettings(page, async (p) => {
    await p.getByLabel("Inactivity limit (minutes)").fill("4");
    await p.getByLabel("Time limit of one impersonation (minutes)").fill("20");
  });
  await page.goto("/admin/timeline");
  await expect(page.getByTestId("timeline-entry").first()).toContainText(/Ivy Initech changed the organization's Impersonation Mode settings: .*4 min.*20 min/);

  // The dialog states the organization's limits, not fixed text.
  await page.goto("/people");
  await page.getByRole("row", { name: "Iris Initech" }).hover();
  await page.getByRole("button", { name: "Impersonate Iris Initech" }).click();
  const dialog = page.getByRole("dialog", { name: "Impersonate Iris Initech?" });
  await expect(dialog).toContainText("Impersonation Mode ends after 4 minutes without activity, after 20 minutes in all, or when you sign out.");
  // This server logs email (EMAIL_TRANSPORT=log): the window says so rather than promise an email.
  await expect(dialog).toContainText("A notice to Iris Initech will be logged but not delivered: no mail transport is configured.");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("row", { name: "Ike Initech" }).hover();
  await page.getByRole("button", { name: "Impersonate Ike Initech" }).click();
  await expect(page.getByRole("dialog", { name: "Impersonate Ike Initech?" })).toContainText("Ike Initech has no email address");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  // Ian is a Global User Administrator too; Iris is nobody's administrator: no Settings for her.
  const iris = await (await browser.newContext()).newPage();
  await signInAs(iris, u.iris);
  const response = await iris.goto("/admin/settings");
  expect(response?.status()).toBe(404);
  await iris.context().close();

  await saveSettings(page, async (p) => {
    await p.getByLabel("Inactivity limit (minutes)").fill("");
    await p.getByLabel("Time limit of one impersonation (minutes)").fill("");
  });
});

test("a required reason blocks Confirm without one, in the browser and on the server", async ({ page }) => {
  await signInAs(page, u.ivy);
  await saveSettings(page, async (p) => {
    await p.getByLabel("Require a reason before Confirm").check();
    await p.getByLabel("Shortest reason accepted (characters)").fill("12");
  });
  try {
    await page.goto("/people");
    await page.getByRole("row", { name: "Iris Initech" }).hover();
    await page.getByRole("button", { name: "Impersonate Iris Initech" }).click();
    const dialog = page.getByRole("dialog", { name: "Impersonate Iris Initech?" });
    await expect(dialog.getByText("(required by your organization: at least 12 characters; recorded)")).toBeVisible();
    const reason = dialog.getByLabel("Reason");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    // Not sent: the window stays, the field says what is missing.
    await expect(dialog).toBeVisible();
    expect(await reason.evaluate((el: HTMLTextAreaElement) => el.validity.valueMissing)).toBe(true);
    // A browser that skips the check (the attribute removed) meets the server's.
    await reason.evaluate((el: HTMLTextAreaElement) => {
      el.removeAttribute("required");
      el.removeAttribute("minlength");
    });
    await reason.fill("too short");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(dialog.getByText("Give a reason of at least 12 characters (this one has 9).")).toBeVisible();
    await expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(await ownerSql(`SELECT count(*)::int AS n FROM "ImpersonationRequest" WHERE "organizationId" = $1`, [org.id])).toEqual([{ n: 0 }]);
    await reason.fill("Iris cannot find her board");
    await dialog.getByRole("button", { name: "Confirm" }).click();
    await expect(page.getByTestId("impersonation-notice")).toBeVisible();
    await page.getByRole("button", { name: "Cancel" }).click();
    // Wait for the cancellation to land (it clears this browser's pending request) before signing in.
    await expect(page).toHaveURL(/notice=impersonation-cancelled/);
  } finally {
    await signInAs(page, u.ivy);
    await saveSettings(page, async (p) => p.getByLabel("Require a reason before Confirm").uncheck());
  }
});

test("view-only: the banner says so, and a change is refused with a clear message and not made", async ({ page }) => {
  await signInAs(page, u.ivy);
  await saveSettings(page, async (p) => p.getByLabel("View-only impersonation").check());
  try {
    await confirmImpersonation(page, "Iris Initech", "look only");
    await fillSignIn(page, u.ivy);
    await expect(banner(page)).toContainText("Impersonation Mode · View only");
    await expect(banner(page)).toContainText("You can look but not change anything");
    await page.goto("/boards");
    await page.getByLabel("Name").fill("Made while view-only");
    await page.getByRole("button", { name: /Create board/i }).click();
    await expect(page.getByText("View-only impersonation: your organization does not allow changes while impersonating. Nothing was changed.")).toBeVisible();
    expect(await ownerSql(`SELECT count(*)::int AS n FROM "Board" WHERE name = 'Made while view-only'`)).toEqual([{ n: 0 }]);
    await banner(page).getByRole("button", { name: "Sign Out" }).click();
    await expect(page.getByTestId("sign-in-notice")).toContainText("You signed out of Impersonation Mode as Iris Initech");
  } finally {
    await signInAs(page, u.ivy);
    await saveSettings(page, async (p) => p.getByLabel("View-only impersonation").uncheck());
  }
});

test("the banner shows the time left to the cap, and the sign-in page says who ended it", async ({ page, browser }) => {
  await impersonate(page, u.ivy, "Iris Initech", "time left check");
  await expect(banner(page).getByTestId("time-limit")).toContainText(/Time left (1:00:00|59:\d\d)/);
  // One polite live region, no alert re-read every second.
  await expect(banner(page).locator('[aria-live="polite"]')).toHaveCount(1);
  await expect(banner(page).getByRole("alert")).toHaveCount(0);

  const ian = await (await browser.newContext()).newPage();
  await signInAs(ian, u.ian);
  await ian.goto("/admin/impersonations");
  ian.once("dialog", (d) => void d.accept());
  await ian.getByRole("button", { name: "End impersonation of Iris Initech by Ivy Initech" }).click();
  const ended = ian.getByTestId("impersonation-row").filter({ hasText: "time left check" });
  await expect(ended).toContainText("Ended: revoked by an administrator");
  await expect(ended).toContainText("Impersonation ended. Its next request will be signed out.");
  await ian.context().close();

  await page.goto("/items");
  await expect(page).toHaveURL(/\/sign-in\?ended=/);
  await expect(page.getByTestId("sign-in-notice")).toHaveText(
    "Impersonation Mode as Iris Initech was ended by Ian Initech. Sign in with your own username and password to return to your account.",
  );
  // The parameter is signed: altered, it says nothing.
  await page.goto(`${page.url()}x`);
  await expect(page.getByTestId("sign-in-notice")).toHaveCount(0);
});

/** Thirty ended impersonations over 10–14 March, for the console's filters and paging. */
async function history() {
  const base = Date.UTC(2026, 2, 10, 9);
  for (let i = 0; i < 30; i++) {
    const id = `hist-${tag}-${String(i).padStart(2, "0")}`;
    const target = i % 3 === 0 ? org.users[u.ike]! : org.users[u.iris]!;
    const started = new Date(base + i * 3 * 3600_000);
    await ownerSql(
      `INSERT INTO "ImpersonationRequest" (id, "organizationId", "actorId", "targetId", reason, "tokenHash", status, "createdAt", "expiresAt", "usedAt")
       VALUES ($1, $2, $3, $4, $5, $1, 'USED', $6, $6, $6)`,
      [id, org.id, org.users[u.ivy], target, `history ${i}`, started],
    );
    await ownerSql(
      `INSERT INTO "ImpersonationSession" (id, "organizationId", "requestId", "actorId", "targetId", reason, status, "startedAt", "lastActivityAt", "idleTimeoutSeconds", "absoluteExpiresAt", "endedAt", "endReason")
       VALUES ($1, $2, $1, $3, $4, $5, 'ENDED', $6, $6, 300, $6::timestamp + interval '1 hour', $6::timestamp + interval '2 minutes', $7::"ImpersonationEndReason")`,
      [id, org.id, org.users[u.ivy], target, `history ${i}`, started, i % 5 === 0 ? "INACTIVITY" : "SIGN_OUT"],
    );
  }
}

test("the console: filters, keyset paging, CSV and JSON exports, End all", async ({ page, browser }) => {
  await history();
  await signInAs(page, u.ian);
  await page.goto("/admin/impersonations");
  const rows = page.getByTestId("impersonation-row");

  // 10–14 March: 30 impersonations, pages of 25.
  await page.getByLabel("From", { exact: true }).fill("2026-03-10");
  await page.getByLabel("To", { exact: true }).fill("2026-03-14");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText("history 29");
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(rows).toHaveCount(5);
  await expect(rows.last()).toContainText("history 0");
  await expect(page.getByRole("link", { name: "Next →" })).toHaveCount(0);
  await page.getByRole("link", { name: "← Previous" }).click();
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText("history 29");

  // Narrower: Ike, ended by inactivity (i = 0, 15: i % 3 = 0 and i % 5 = 0).
  await page.goto("/admin/impersonations?from=2026-03-10&to=2026-03-13");
  await page.getByLabel("Signed in as (username)").fill(u.ike);
  await page.getByLabel("How it ended").selectOption("INACTIVITY");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("history 15");
  await expect(rows.nth(1)).toContainText("history 0");
  await expect(page.getByRole("navigation", { name: "Pagination" })).toHaveCount(0);

  // Both exports carry exactly what the filters select, each with everything done during it.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV" }).click()]);
  const csv = (await download.createReadStream().then((s) => s.toArray())).join("");
  const lines = csv.replace(/^\ufeff/, "").trimEnd().split("\r\n");
  expect(lines[0]).toMatch(/^impersonation_id,administrator,administrator_username,signed_in_as/);
  expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual([`hist-${tag}-15`, `hist-${tag}-00`]);
  expect(lines[1]).toContain(",Ivy Initech,");
  const json = await (await page.request.get(`/admin/impersonations/export?format=json&target=${u.ike}&endReason=INACTIVITY&from=2026-03-10&to=2026-03-13`)).json();
  expect(json.impersonations.map((i: { id: string }) => i.id)).toEqual([`hist-${tag}-15`, `hist-${tag}-00`]);
  expect(json.impersonations[1]).toMatchObject({ startedAt: "2026-03-10T09:00:00+00:00", endReason: "inactivity", administrator: { name: "Ivy Initech" } });
  expect((await page.request.get("/admin/impersonations/export?format=xml")).status()).toBe(400);
  // The export is a door of its own: nobody signed in is sent to sign in, Iris (no administrator)
  // gets a 404, and an administrator of another organization (gina) none of Initech's impersonations.
  const exportUrl = `/admin/impersonations/export?format=json&from=2026-03-10&to=2026-03-14`;
  const anonymous = await playwrightRequest.newContext({ baseURL: page.url() });
  const signedOut = await anonymous.get(exportUrl, { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers().location).toMatch(/\/sign-in/);
  await anonymous.dispose();
  for (const [username, expected] of [
    [u.iris, 404],
    ["gina", 200],
  ] as const) {
    const other = await browser.newContext();
    const p = await other.newPage();
    await signInAs(p, username);
    const response = await p.request.get(exportUrl);
    expect(response.status(), username).toBe(expected);
    if (expected === 200) expect(JSON.stringify(await response.json())).not.toContain(tag);
    await other.close();
  }

  // End all: two live impersonations (Ivy as Iris; a second actor is needed for a second one).
  await ownerSql(`INSERT INTO "PermissionGrant" (id, "organizationId", "userId", permission) VALUES ($1, $2, $3, 'IMPERSONATE_USER')`, [
    `grant-imp-ian-${tag}`,
    org.id,
    org.users[u.ian],
  ]);
  const ivy = await (await browser.newContext()).newPage();
  await impersonate(ivy, u.ivy, "Iris Initech", "end all one");
  const ian2 = await (await browser.newContext()).newPage();
  await impersonate(ian2, u.ian, "Ike Initech", "end all two");
  await page.goto("/admin/impersonations");
  page.once("dialog", (d) => {
    expect(d.message()).toBe("End all 2 active impersonations now? Each is signed out at its next request.");
    void d.accept();
  });
  await page.getByRole("button", { name: "End all active (2)" }).click();
  await expect(page.getByText("Ended 2 impersonations. Each is signed out at its next request.")).toBeVisible();
  await expect(page.getByRole("button", { name: "None active" })).toBeDisabled();
  for (const p of [ivy, ian2]) {
    await p.goto("/items");
    await expect(p).toHaveURL(/\/sign-in\?ended=/);
    await expect(p.getByTestId("sign-in-notice")).toContainText("was ended by Ian Initech");
    await p.context().close();
  }
  await page.goto("/admin/impersonations?status=active");
  await expect(rows).toHaveCount(0);
});

test("dates in the viewer's time zone: the browser's by default, the Account setting over it, offsets in exports", async ({ browser }) => {
  const context = await browser.newContext({ timezoneId: "America/New_York" });
  const page = await context.newPage();
  await signInAs(page, u.ian);
  // The page tells the server the browser's zone (a cookie) once it has loaded.
  await expect.poll(async () => (await context.cookies()).find((c) => c.name === "kaizen.tz")?.value).toBe(encodeURIComponent("America/New_York"));
  // 2026-03-10 09:00 UTC is 05:00 in New York (EDT from 8 March).
  await page.goto(`/admin/impersonations/hist-${tag}-00`);
  await expect(page.getByText("10 Mar 2026, 05:00").first()).toBeVisible();
  const json = await (await page.request.get(`/admin/impersonations/export?format=json&target=${u.ike}&from=2026-03-10&to=2026-03-10`)).json();
  expect(json.timeZone).toBe("America/New_York");
  expect(json.impersonations.at(-1).startedAt).toBe("2026-03-10T05:00:00-04:00");

  // The Account page's setting wins over the browser's.
  await page.goto("/account");
  await page.getByRole("combobox", { name: "Time zone" }).selectOption("Asia/Tokyo");
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.getByText("Time zone saved.")).toBeVisible();
  await page.goto(`/admin/impersonations/hist-${tag}-00`);
  await expect(page.getByText("10 Mar 2026, 18:00").first()).toBeVisible();
  await context.close();
});
