// The app's icon: each page names it (<link rel="icon">, the App Router's icon file convention), it
// is served as an image, and /favicon.ico, which browsers and other clients ask for by themselves,
// is one too: no page load costs a 404 (Lighthouse counts it against best practices).
import { expect, test } from "../support/e2e";

test("the page's icon link resolves to an image, /favicon.ico is one, and a page load meets no 404", async ({ page }) => {
  const failed: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
  });
  await page.goto("/sign-in");
  await page.waitForLoadState("networkidle");

  const icons = await page.locator('head link[rel~="icon"]').evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
  expect(icons.length, "an icon link in the page's head").toBeGreaterThan(0);
  for (const href of [...icons, new URL("/favicon.ico", page.url()).href]) {
    const response = await page.request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()["content-type"] ?? "", href).toMatch(/^image\//);
    // Served through the middleware like any page: its policy and the fixed headers.
    expect(response.headers()["content-security-policy"], href).toBeTruthy();
    expect(response.headers()["x-content-type-options"], href).toBe("nosniff");
  }
  expect(failed, "responses that failed during the page load").toEqual([]);
});
