// The Content-Security-Policy every page is sent with (a fresh nonce per response, which Next puts on
// each of its own scripts), what it does to a script smuggled into a page, and no HSTS where the app
// is not served over HTTPS. (With an https AUTH_URL: tests/deploy/safe-defaults.spec.ts. That no page
// of the app reports a violation is checked by every test: see `test` in ./fixtures.)
import type { APIRequestContext } from "@playwright/test";
import { expect, fillSignIn, signInAs, test } from "../support/e2e";

/** The policy's directives by name, each with its sources. */
function directives(header: string | null): Map<string, string[]> {
  const parsed = new Map<string, string[]>();
  for (const part of (header ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) parsed.set(name, sources);
  }
  return parsed;
}

/** Fetches `path` and checks its policy and its scripts; returns the response's nonce. */
async function expectNoncedPolicy(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path, { maxRedirects: 0 });
  expect(response.headers()["content-type"], path).toContain("text/html");
  const policy = directives(response.headers()["content-security-policy"] ?? null);
  const scriptSrc = policy.get("script-src") ?? [];
  const nonce = /^'nonce-([A-Za-z0-9+/_-]{22,}={0,2})'$/.exec(scriptSrc.find((s) => s.startsWith("'nonce-")) ?? "")?.[1];
  expect(nonce, `${path}: script-src ${scriptSrc.join(" ")}`).toBeTruthy();
  expect(scriptSrc, path).toContain("'strict-dynamic'");
  expect(scriptSrc, path).not.toContain("'unsafe-inline'");
  expect(scriptSrc, path).not.toContain("'unsafe-eval'"); // development only
  for (const [name, sources] of [
    ["default-src", ["'self'"]],
    ["object-src", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["frame-ancestors", ["'none'"]],
    ["form-action", ["'self'"]],
  ] as const) {
    expect(policy.get(name), `${path}: ${name}`).toEqual(sources);
  }
  // Every script the page holds carries this response's nonce (Next applies it).
  const html = await response.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, path).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  expect(response.headers()["strict-transport-security"], `${path}: no HSTS over plain HTTP`).toBeUndefined();
  return nonce!;
}

test("every page is sent with a nonce-based Content-Security-Policy, a fresh nonce each time, on each script", async ({ page, request }) => {
  const nonces = new Set<string>();
  // Signed out: the sign-in page, and a path the middleware once skipped (the not-found page answers;
  // the icons it skipped too are images now: tests/e2e/icon.spec.ts).
  for (const path of ["/sign-in", "/sign-in", "/sign-in?notice=signed-out", "/robots.txt"]) {
    nonces.add(await expectNoncedPolicy(request, path));
  }
  expect(nonces.size, "a fresh nonce for each response").toBe(4);
  // What the middleware skips (the build's files, optimised images) is never a page, even when missing.
  for (const path of ["/_next/static/chunks/no-such-file.js", "/_next/image?url=%2Fno-such-image.png&w=64&q=75"]) {
    expect((await request.get(path)).headers()["content-type"] ?? "", path).not.toContain("text/html");
  }

  await signInAs(page, "gina");
  for (const path of ["/", "/people", "/items", "/admin/impersonations", "/account", "/no-such-page"]) {
    nonces.add(await expectNoncedPolicy(page.request, path));
  }
  expect(nonces.size).toBe(10);
});

test("a script smuggled into a page's HTML does not run, and the browser reports it", async ({ page, cspViolations }) => {
  await page.route("**/sign-in", async (route) => {
    const response = await route.fetch();
    const smuggled = `<script>window.__smuggled = true</script><img alt="" src="data:," onerror="window.__smuggledHandler = true">`;
    await route.fulfill({ response, body: (await response.text()).replace("</body>", `${smuggled}</body>`) });
  });
  await page.goto("/sign-in");
  await expect.poll(() => cspViolations.length).toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => "__smuggled" in window || "__smuggledHandler" in window)).toBe(false);
  expect(cspViolations.join("\n")).toMatch(/script-src-elem blocked inline/);
  expect(cspViolations.join("\n")).toMatch(/script-src-attr blocked inline/);
  cspViolations.length = 0; // expected here: nothing else may be reported

  // The page's own scripts did run: the Server Action form signs in.
  await page.unrouteAll();
  await fillSignIn(page, "jane");
  await expect(page.getByTestId("current-user")).toHaveText("Jane Doe");
});
