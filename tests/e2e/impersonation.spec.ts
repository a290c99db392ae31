// Impersonation Mode end to end (issues 4 and 6), on the demo data, exactly as an administrator
// does it. One file, so its tests run one after another: an actor has one pending request at a
// time, and these use gina and sid (the idle-cutoff file uses luis).
import { captureServerAction, confirmImpersonation, expect, fillSignIn, idOf, impersonate, replayAction, signInAs, sql, test } from "../support/e2e";

const banner = (page: import("@playwright/test").Page) => page.getByRole("region", { name: "Impersonation Mode" });

test("gina impersonates jane: banner everywhere, changes show as Jane Doe, and the Admin Timeline keeps the truth", async ({ page }) => {
  await signInAs(page, "gina");
  await page.goto("/people");
  // Hovering highlights the row blue and reveals the icon.
  const row = page.getByRole("row", { name: "Jane Doe" });
  const blue50 = await page.evaluate(() => {
    const probe = document.createElement("div");
    probe.className = "bg-blue-50";
    document.body.appendChild(probe);
    const color = getComputedStyle(probe).backgroundColor;
    probe.remove();
    return color;
  });
  await expect(row).not.toHaveCSS("background-color", blue50);
  await row.hover();
  await expect(row).toHaveCSS("background-color", blue50);
  await page.getByRole("button", { name: "Impersonate Jane Doe" }).click();
  const dialog = page.getByRole("dialog", { name: "Impersonate Jane Doe?" });
  await expect(dialog).toContainText("You will be signed out and asked to sign in again with your own username and password.");
  // These servers have no mail transport (EMAIL_TRANSPORT=log), and the window says so; with Resend
  // it says "Jane Doe will be emailed" (tests/deploy).
  await expect(dialog).toContainText("A notice to Jane Doe will be logged but not delivered: no mail transport is configured.");
  await expect(dialog).toContainText("ends after 5 minutes without activity, after 1 hour in all");
  await dialog.getByLabel("Reason").fill("Jane cannot see her huddle Items");
  await dialog.getByRole("button", { name: "Confirm" }).click();

  // Signed out, on the sign-in page, asked for gina's own credentials.
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByTestId("impersonation-notice")).toContainText("Sign in with your own username and password to impersonate Jane Doe.");
  await expect(page.getByTestId("impersonation-notice")).toContainText("Do not enter Jane Doe's username or password.");
  await expect(page.getByRole("button", { name: "Cancel" })).toBeVisible();
  await fillSignIn(page, "gina");

  // Signed in as Jane, under the red banner, on every page.
  await expect(page.getByTestId("current-user")).toHaveText("Jane Doe");
  for (const path of ["/", "/people", "/items", "/boards"]) {
    await page.goto(path);
    await expect(banner(page)).toContainText("Impersonation Mode");
    await expect(banner(page)).toContainText("Gina Global is signed in as Jane Doe");
  }
  // Jane sees what Jane sees: no admin pages.
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);

  // Jane's Board, and an Item on it, edited as Jane.
  await page.getByRole("link", { name: "ICU Huddle" }).click();
  await expect(page.getByRole("heading", { name: "ICU Huddle", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "Save filters" }).click();
  await expect(page.getByText("Filters saved.")).toBeVisible();
  await expect(page.getByTestId("timeline-entry").first()).toContainText("Jane Doe changed the Board's filters");
  await expect(page.getByTestId("timeline-entry").first()).toContainText("done by Gina Global while impersonating");

  await page.getByRole("link", { name: "Label crash cart drawers by colour" }).click();
  await expect(page.getByRole("heading", { name: "Label crash cart drawers by colour" })).toBeVisible();
  await page.getByLabel("Title").fill("Label crash cart drawers by colour and number");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  const itemEvent = page.getByRole("list", { name: "Timeline" }).getByTestId("timeline-entry").first();
  await expect(itemEvent).toContainText("Jane Doe edited title");
  await expect(itemEvent).toContainText("done by Gina Global while impersonating");

  // What the database holds: shown as jane, the true actor and the impersonation recorded.
  const [gina, jane] = await Promise.all([idOf("gina"), idOf("jane")]);
  const [event] = await sql<{ userId: string; actorId: string; impersonationSessionId: string | null }>(
    `SELECT "userId", "actorId", "impersonationSessionId" FROM "TimelineEvent" WHERE type = 'item.updated' ORDER BY id DESC LIMIT 1`,
  );
  expect(event).toMatchObject({ userId: jane, actorId: gina });
  expect(event!.impersonationSessionId).toBeTruthy();

  // Sign Out in the banner ends it and lands on the sign-in page.
  await banner(page).getByRole("button", { name: "Sign Out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=/);
  await expect(banner(page)).toHaveCount(0);
  const [ended] = await sql<{ status: string; endReason: string }>(
    `SELECT status, "endReason" FROM "ImpersonationSession" WHERE id = $1`,
    [event!.impersonationSessionId],
  );
  expect(ended).toEqual({ status: "ENDED", endReason: "SIGN_OUT" });

  // Gina, herself again: the Admin Timeline shows the impersonation, and the Item edit under it.
  await fillSignIn(page, "gina");
  await expect(page.getByTestId("current-user")).toHaveText("Gina Global");
  await page.goto("/admin/timeline");
  const started = page.getByTestId("timeline-entry").filter({ hasText: "Gina Global started impersonating Jane Doe (reason: Jane cannot see her huddle Items)" });
  await expect(started).toHaveCount(1);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "Gina Global ended the impersonation of Jane Doe: signed out" })).toHaveCount(1);
  await started.getByRole("link", { name: "View impersonation" }).click();
  await expect(page.getByRole("heading", { name: "Gina Global as Jane Doe" })).toBeVisible();
  await expect(page.locator("dl")).toContainText("Jane cannot see her huddle Items");
  const during = page.getByTestId("timeline-entry");
  await expect(during.filter({ hasText: "Jane Doe edited title on Item Label crash cart drawers by colour and number" })).toHaveCount(1);
  await expect(during.filter({ hasText: "Jane Doe changed the Board's filters on Board “ICU Huddle”" })).toHaveCount(1);
});

test("luis sees no icon for sam or nora, and a forged confirmation for them is refused and recorded", async ({ page }) => {
  await signInAs(page, "luis");
  await page.goto("/people");
  for (const name of ["Sam South", "Nora North", "Gina Global", "Sid Support"]) {
    await page.getByRole("row", { name }).hover();
    await expect(page.getByRole("button", { name: `Impersonate ${name}` })).toHaveCount(0);
  }
  await page.getByRole("row", { name: "Jane Doe" }).hover();
  await page.getByRole("button", { name: "Impersonate Jane Doe" }).click();
  const dialog = page.getByRole("dialog", { name: "Impersonate Jane Doe?" });
  const action = await captureServerAction(page, () => dialog.getByRole("button", { name: "Confirm" }).click());

  const [jane, sam, nora, luis] = await Promise.all([idOf("jane"), idOf("sam"), idOf("nora"), idOf("luis")]);
  for (const [target, message] of [
    [sam, "That user is outside the Locations you administer."],
    [nora, "That user holds permissions you do not hold, so you cannot impersonate them."],
  ] as const) {
    const response = await replayAction(page.request, action, (body) => body.replaceAll(jane, target));
    expect(await response.text()).toContain(message);
    const denied = await sql(`SELECT id FROM "TimelineEvent" WHERE type = 'impersonation.denied' AND "actorId" = $1 AND "subjectUserId" = $2`, [luis, target]);
    expect(denied).toHaveLength(1);
  }
  // (Only for these two: tests/e2e/idle.spec.ts has luis impersonate others at the same time.)
  expect(await sql(`SELECT id FROM "ImpersonationRequest" WHERE "actorId" = $1 AND "targetId" IN ($2, $3)`, [luis, sam, nora])).toHaveLength(0);
  // luis was not signed out by the refused attempts.
  await page.goto("/people");
  await expect(page.getByTestId("current-user")).toHaveText("Luis Local");
});

test("jane's credentials during gina's pending impersonation start nothing", async ({ page }) => {
  await signInAs(page, "gina");
  await confirmImpersonation(page, "Jane Doe");
  await fillSignIn(page, "jane");
  await expect(page.locator("form").getByRole("alert")).toContainText(
    "These are not the credentials of the administrator who asked to impersonate.",
  );
  await page.goto("/people");
  await expect(page).toHaveURL(/\/sign-in/);
  // The request is still gina's to complete (or cancel).
  await expect(page.getByTestId("impersonation-notice")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("The impersonation was cancelled.")).toBeVisible();
  const gina = await idOf("gina");
  const [denied] = await sql<{ details: { reason: string } }>(
    `SELECT details FROM "TimelineEvent" WHERE type = 'impersonation.denied' AND "actorId" = $1 ORDER BY id DESC LIMIT 1`,
    [gina],
  );
  expect(denied!.details.reason).toBe("wrong-credentials");
  expect(await sql(`SELECT id FROM "ImpersonationRequest" WHERE "actorId" = $1 AND status = 'PENDING'`, [gina])).toHaveLength(0);
});

test("a used request cannot be replayed, and a session cookie captured before Sign Out is rejected afterwards", async ({ page, browser }) => {
  await signInAs(page, "gina");
  await confirmImpersonation(page, "Sam South", "replay check");
  const requestCookie = (await page.context().cookies()).find((c) => c.name === "kaizen.impersonation-request")!;
  expect(requestCookie.httpOnly).toBe(true);
  await fillSignIn(page, "gina");
  await expect(banner(page)).toContainText("Gina Global is signed in as Sam South");
  const sessionCookie = (await page.context().cookies()).find((c) => c.name === "authjs.session-token")!;
  await banner(page).getByRole("button", { name: "Sign Out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=/);

  const other = await browser.newContext();
  const replay = await other.newPage();
  // The captured session cookie: the impersonation has ended, so it opens nothing.
  await other.addCookies([sessionCookie]);
  await replay.goto("/boards");
  await expect(replay).toHaveURL(/\/sign-in/);
  await expect(replay.getByRole("region", { name: "Impersonation Mode" })).toHaveCount(0);

  // The used request: not offered, and forcing it through with gina's own credentials starts nothing.
  await other.clearCookies();
  await other.addCookies([requestCookie]);
  await replay.goto("/sign-in");
  await expect(replay.getByTestId("impersonation-notice")).toHaveCount(0);
  await replay.locator("form").first().evaluate((form) => {
    const input = document.createElement("input");
    input.type = "hidden";
    input.name = "impersonation";
    input.value = "1";
    form.appendChild(input);
  });
  await fillSignIn(replay, "gina");
  await expect(replay.locator("form").getByRole("alert")).toContainText("This impersonation request has expired or has already been used");
  await replay.goto("/people");
  await expect(replay).toHaveURL(/\/sign-in/);
  expect(await sql(`SELECT id FROM "ImpersonationSession" WHERE reason = 'replay check'`)).toHaveLength(1);
  await other.close();
});

test("a revoked impersonation is signed out on its next request", async ({ page, browser }) => {
  await impersonate(page, "sid", "Jane Doe", "vendor ticket 4711");

  const admin = await browser.newContext();
  const nora = await admin.newPage();
  await signInAs(nora, "nora");
  await nora.goto("/admin/impersonations");
  const row = nora.getByTestId("impersonation-row").filter({ hasText: "vendor ticket 4711" });
  await expect(row).toContainText("Active");
  nora.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "End impersonation of Jane Doe by Sid Support" }).click();
  await expect(row).toContainText("Ended: revoked by an administrator");

  await page.goto("/items");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("region", { name: "Impersonation Mode" })).toHaveCount(0);

  await nora.goto("/admin/timeline");
  await expect(nora.getByTestId("timeline-entry").filter({ hasText: "Nora North ended the impersonation of Jane Doe: revoked by an administrator" })).toHaveCount(1);
  await admin.close();
});

// The notice email: with no mail transport (EMAIL_TRANSPORT=log) the message is kept and logged —
// "logged, not delivered", never "sent" (with Resend: tests/deploy). It stays in the outbox (the
// local mailbox), handled right after the sign-in response.
type Row = { id: string; status: string; transport: string | null; subject: string; text: string; html: string };

test("gina impersonates jane: jane's message is kept, logged and called not delivered, with gina's name", async ({ page }) => {
  await impersonate(page, "gina", "Jane Doe", "email check");
  const [session] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = 'email check'`);
  await expect
    .poll(async () => (await sql<Row>(`SELECT status FROM "EmailMessage" WHERE "impersonationSessionId" = $1`, [session!.id]))[0]?.status)
    .toBe("LOGGED");
  const [message] = await sql<Row & { toAddress: string }>(`SELECT * FROM "EmailMessage" WHERE "impersonationSessionId" = $1`, [session!.id]);
  expect(message).toMatchObject({ toAddress: "jane@acme.test", transport: "log", subject: "Kaizen Hub: A Kaizen Hub Administrator has signed in as you" });
  expect(message!.text).toContain("An administrator, Gina Global, has temporarily signed in to your account");
  expect(message!.text).toContain("If you have any questions, please contact Gina Global.");

  await page.getByRole("region", { name: "Impersonation Mode" }).getByRole("button", { name: "Sign Out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=/);
  await signInAs(page, "gina");
  await page.goto(`/admin/impersonations/${session!.id}`);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "the notification email to Jane Doe was logged, not delivered (jane@acme.test; no mail transport is configured)" })).toHaveCount(1);
});

test("sid (internal) impersonates jane: no message, and the Admin Timeline says why", async ({ page }) => {
  await impersonate(page, "sid", "Jane Doe", "internal email check");
  const [session] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = 'internal email check'`);
  expect(await sql(`SELECT id FROM "EmailMessage" WHERE "impersonationSessionId" = $1`, [session!.id])).toHaveLength(0);
  await page.getByRole("region", { name: "Impersonation Mode" }).getByRole("button", { name: "Sign Out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=/);
  await signInAs(page, "gina");
  await page.goto("/admin/timeline?type=impersonation.notice_skipped");
  await expect(
    page.getByTestId("timeline-entry").filter({ hasText: "Sid Support — no notification email to Jane Doe: the administrator is vendor support (internal)" }),
  ).not.toHaveCount(0);
});

test("gina impersonates sam (no email): the Admin Timeline says so", async ({ page }) => {
  await impersonate(page, "gina", "Sam South", "no email check");
  const [session] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = 'no email check'`);
  expect(await sql(`SELECT id FROM "EmailMessage" WHERE "impersonationSessionId" = $1`, [session!.id])).toHaveLength(0);
  await page.getByRole("region", { name: "Impersonation Mode" }).getByRole("button", { name: "Sign Out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?ended=/);
  await signInAs(page, "gina");
  await page.goto(`/admin/impersonations/${session!.id}`);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "no notification email to Sam South: they have no email address" })).toHaveCount(1);
});
