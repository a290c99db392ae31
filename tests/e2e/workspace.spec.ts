// The workspace (issue 3), on the demo data: User Management and the Admin Timeline, Items and
// Boards with their timelines, and the server-side checks behind them.
import { captureServerAction, expect, idOf, replayAction, signInAs, sql, test } from "../support/e2e";

const unique = () => Math.random().toString(36).slice(2, 8);

test("gina creates a user and grants a permission, and both show in the Admin Timeline", async ({ page }) => {
  const username = `newbie-${unique()}`;
  await signInAs(page, "gina");
  await page.getByRole("link", { name: "Admin" }).click();
  await page.getByRole("link", { name: "New user" }).click();
  await expect(page.getByRole("heading", { name: "New user" })).toBeVisible();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Full name").fill("Nina Newbie");
  await page.getByLabel("Email").fill(`${username}@acme.test`);
  await page.getByLabel("Home Location").selectOption({ label: "\u00a0\u00a0\u00a0\u00a0ICU" });
  await page.getByLabel("Initial password").fill("a-long-initial-password");
  await page.getByRole("button", { name: "Create user" }).click();

  await expect(page.getByRole("heading", { name: "Nina Newbie" })).toBeVisible();
  await expect(page.getByText("User created.")).toBeVisible();
  await page.getByLabel("Permission", { exact: true }).selectOption("IMPERSONATE_USER");
  await page.getByRole("button", { name: "Grant" }).click();
  await expect(page.getByText("Permission granted.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Revoke Impersonate User" })).toBeVisible();

  await page.getByRole("link", { name: "Admin Timeline" }).click();
  await expect(page.getByRole("heading", { name: "Admin Timeline" })).toBeVisible();
  const entries = page.getByTestId("timeline-entry");
  await expect(entries.filter({ hasText: `Gina Global granted Impersonate User to Nina Newbie` })).toHaveCount(1);
  await expect(entries.filter({ hasText: `Gina Global created user Nina Newbie (${username}) in ICU` })).toHaveCount(1);
});

test("a duplicate username gets a field-level message and nothing is saved", async ({ page }) => {
  await signInAs(page, "gina");
  await page.goto("/admin/users/new");
  await page.getByLabel("Username").fill("jane");
  await page.getByLabel("Full name").fill("Another Jane");
  await page.getByLabel("Home Location").selectOption({ label: "Acme Health" });
  await page.getByLabel("Initial password").fill("short");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Passwords are at least 12 characters.")).toBeVisible();
  await page.getByLabel("Initial password").fill("a-long-initial-password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("That username is already taken.")).toBeVisible();
  expect(await sql(`SELECT id FROM "User" WHERE name = 'Another Jane'`)).toHaveLength(0);
});

test("jane creates an Item, comments, moves it, and its Item Timeline shows each step as Jane Doe", async ({ page }) => {
  const title = `Restock saline flushes ${unique()}`;
  await signInAs(page, "jane");
  await page.getByRole("link", { name: "Items", exact: true }).click();
  await page.getByRole("link", { name: "New Item" }).click();
  await expect(page.getByRole("heading", { name: "New Item" })).toBeVisible();
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Description").fill("The cart runs out on night shifts.");
  await page.getByLabel("Assignee").selectOption({ label: "Jane Doe" });
  await page.getByRole("button", { name: "Create Item" }).click();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();

  await page.getByLabel("Add a comment").fill("Spoke to pharmacy: par level goes up to 40.");
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByText("Comment added.")).toBeVisible();
  await expect(page.getByLabel("Add a comment")).toHaveValue("");

  await page.getByLabel("Status", { exact: true }).selectOption({ label: "In progress" });
  await page.getByRole("button", { name: "Move" }).click();
  await expect(page.getByText("Status changed.")).toBeVisible();

  const timeline = page.getByRole("list", { name: "Timeline" }).getByTestId("timeline-entry");
  await expect(timeline).toHaveCount(3);
  await expect(timeline.nth(0)).toContainText("Jane Doe moved it from New to In progress");
  await expect(timeline.nth(1)).toContainText("Jane Doe commented: “Spoke to pharmacy: par level goes up to 40.”");
  await expect(timeline.nth(2)).toContainText(`Jane Doe created the Item “${title}”`);
});

test("jane creates a Board and sees her Items in status columns", async ({ page }) => {
  const name = `My ICU work ${unique()}`;
  await signInAs(page, "jane");
  await page.getByRole("link", { name: "Boards", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Your Boards" })).toBeVisible();
  await page.getByLabel("Board name").fill(name);
  await page.getByLabel("Assignee").selectOption({ label: "Me" });
  await page.getByRole("button", { name: "Create Board" }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();

  await expect(page.getByTestId("column-NEW")).toContainText("Label crash cart drawers by colour");
  await expect(page.getByTestId("column-PLANNED")).toContainText("Move glove boxes beside each bed");
  await expect(page.getByTestId("column-IN_PROGRESS")).toContainText("Standardise ICU shift handover checklist");
  await expect(page.getByTestId("column-DONE")).toContainText("Daily huddle board at the nurses' station");
  await expect(page.getByTestId("timeline-entry").first()).toContainText(`Jane Doe created the Board “${name}”`);
});

test("sam gets a 404 on jane's Board", async ({ page }) => {
  const [board] = await sql<{ id: string }>(`SELECT b.id FROM "Board" b JOIN "User" u ON u.id = b."ownerId" WHERE u.username = 'jane' AND b.name = 'ICU Huddle'`);
  await signInAs(page, "sam");
  const response = await page.goto(`/boards/${board!.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByText("ICU Huddle")).toHaveCount(0);
});

test("jane cannot reach /admin/*, and calling an admin Server Action directly is refused", async ({ page, browser }) => {
  // Capture the real "create user" action request from gina's form, without sending it.
  await signInAs(page, "gina");
  await page.goto("/admin/users/new");
  const username = `forged-${unique()}`;
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Full name").fill("Forged User");
  await page.getByLabel("Home Location").selectOption({ label: "Acme Health" });
  await page.getByLabel("Initial password").fill("a-long-initial-password");
  const action = await captureServerAction(page, () => page.getByRole("button", { name: "Create user" }).click());

  const jane = await browser.newContext();
  const janePage = await jane.newPage();
  await signInAs(janePage, "jane");
  for (const path of ["/admin/users", "/admin/timeline", "/admin/users/new"]) {
    const response = await janePage.goto(path);
    expect(response?.status(), path).toBe(404);
  }
  await expect(janePage.getByRole("link", { name: "Admin" })).toHaveCount(0);

  const response = await replayAction(jane.request, action);
  expect(response.status()).toBeLessThan(500);
  expect(await response.text()).toContain("You do not have permission to do that.");
  expect(await sql(`SELECT id FROM "User" WHERE username = $1`, [username])).toHaveLength(0);
  await jane.close();
});

test("luis can manage jane but not sam", async ({ page }) => {
  const [janeId, samId] = await Promise.all([idOf("jane"), idOf("sam")]);
  await signInAs(page, "luis");
  await page.goto("/admin/users");
  await expect(page.getByRole("link", { name: "Manage Jane Doe" })).toBeVisible();
  await expect(page.getByRole("row", { name: "Sam South" })).toHaveCount(0);
  expect((await page.goto(`/admin/users/${samId}`))?.status()).toBe(404);

  // Editing jane works …
  await page.goto(`/admin/users/${janeId}`);
  await expect(page.getByRole("heading", { name: "Jane Doe" })).toBeVisible();
  // … and the same request with sam's id, sent by hand, is refused.
  await page.getByLabel("Full name").fill("Jane Doe");
  const action = await captureServerAction(page, () => page.getByRole("button", { name: "Save changes" }).click());
  const response = await replayAction(page.request, action, (body) => body.replaceAll(janeId, samId));
  expect(await response.text()).toContain("You do not have permission to do that.");
  const [sam] = await sql<{ name: string; locationId: string }>(`SELECT name, "locationId" FROM "User" WHERE id = $1`, [samId]);
  expect(sam!.name).toBe("Sam South");

  // Nor can luis grant what he does not hold: Global User Administrator is not offered …
  await page.goto(`/admin/users/${janeId}`);
  await expect(page.getByLabel("Permission", { exact: true }).locator("option", { hasText: "Global User Administrator" })).toHaveCount(0);
});
