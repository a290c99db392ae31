// Shared steps for the end-to-end tests, written as a user would do them.
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "kaizen-demo";

export const DEMO_NAMES: Record<string, string> = {
  gina: "Gina Global",
  luis: "Luis Local",
  lena: "Lena Local",
  nora: "Nora North",
  jane: "Jane Doe",
  sam: "Sam South",
  sid: "Sid Support",
  dora: "Dora Departed",
  gabe: "Gabe Globex",
};

export async function fillSignIn(page: Page, username: string, password = DEMO_PASSWORD) {
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign In" }).click();
}

/** Signs in from the sign-in page and waits for the signed-in header. */
export async function signInAs(page: Page, username: string) {
  await page.goto("/sign-in");
  await fillSignIn(page, username);
  await expect(page.getByTestId("current-user")).toHaveText(DEMO_NAMES[username]!);
}
