import { DEMO_NAMES, expect, fillSignIn, signInAs, test } from "../support/e2e";

test("a page that needs a session sends you to sign in, then back where you were going", async ({ page }) => {
  await page.goto("/items?status=NEW");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fitems%3Fstatus%3DNEW$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await fillSignIn(page, "gina");
  await expect(page).toHaveURL(/\/items\?status=NEW$/);
  await expect(page.getByRole("heading", { name: "Items" })).toBeVisible();
});

test("gina signs in and sees her name", async ({ page }) => {
  await signInAs(page, "gina");
  await expect(page.getByTestId("current-user")).toHaveText(DEMO_NAMES.gina!);
  await expect(page.getByText("Acme Health · Acme Health")).toBeVisible();
});

test("a wrong password shows the generic error, the same as an unknown user", async ({ page }) => {
  await page.goto("/sign-in");
  await fillSignIn(page, "luis", "not-the-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Incorrect username or password.");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByLabel("Username")).toHaveValue("luis");

  await fillSignIn(page, "nobody-at-all", "not-the-password");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Incorrect username or password.");
});

test("dora (deactivated) cannot sign in, and is told nothing more than anyone else", async ({ page }) => {
  await page.goto("/sign-in");
  await fillSignIn(page, "dora");
  await expect(page.locator("form").getByRole("alert")).toHaveText("Incorrect username or password.");
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("empty fields get clear messages and nothing is submitted to Auth.js", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign In" }).click();
  await expect(page.getByText("Enter your username.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
});

test("sign-out returns to the sign-in page, and the app is closed again", async ({ page }) => {
  await signInAs(page, "jane");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?notice=signed-out/);
  await expect(page.getByText("You have been signed out.")).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});
