// Shared steps for the end-to-end tests, written as a user would do them, and the `test` every spec
// uses: it fails any test during which a page reported a Content-Security-Policy violation.
import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "@/scripts/lib/http-client";
import { sqlAt, userIdOf } from "./sql";

export { expect };

/**
 * Records every `securitypolicyviolation` any page or frame of `context` reports, from the first
 * script on (an init script runs before the page's own, and the binding outlives navigations).
 */
export async function watchContentSecurityPolicy(context: BrowserContext, violations: string[]) {
  await context.exposeBinding("__kaizenCspViolation", (_source, violation: string) => void violations.push(violation));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __kaizenCspViolation: (v: string) => void }).__kaizenCspViolation;
      report(`${location.pathname}: ${e.effectiveDirective} blocked ${e.blockedURI || "(inline)"} at ${e.sourceFile || "?"}:${e.lineNumber} ${e.sample}`.trim());
    });
  });
}

export const test = base.extend<{ cspViolations: string[] }>({
  // Automatic for every test: the test's own context and any it opens with browser.newContext().
  cspViolations: [
    async ({ browser, context }, provide) => {
      const violations: string[] = [];
      await watchContentSecurityPolicy(context, violations);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const opened = await newContext(...args);
        await watchContentSecurityPolicy(opened, violations);
        return opened;
      };
      try {
        await provide(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});


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

import type { APIRequestContext, Request as PwRequest } from "@playwright/test";

/** A query against the e2e database as the app's role (the runner passes DATABASE_URL), to check what really changed. */
export const sql = sqlAt(() => process.env.DATABASE_URL);

export const idOf = (username: string) => userIdOf(sql, username);

export type CapturedAction = { url: string; headers: Record<string, string>; body: Buffer };

/**
 * Captures the Server Action request that `submit` makes, without letting it reach the server:
 * the raw POST (Next-Action header, multipart body) that anyone could send by hand.
 */
export async function captureServerAction(page: Page, submit: () => Promise<void>): Promise<CapturedAction> {
  let captured: CapturedAction | undefined;
  await page.route("**/*", async (route, request: PwRequest) => {
    const headers = request.headers();
    if (request.method() === "POST" && headers["next-action"]) {
      captured = { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
      await route.abort();
    } else {
      await route.continue();
    }
  });
  await submit();
  await expect.poll(() => captured !== undefined).toBe(true);
  await page.unrouteAll({ behavior: "ignoreErrors" });
  return captured!;
}

/** Sends a captured Server Action request with someone else's session. */
export async function replayAction(request: APIRequestContext, action: CapturedAction, edit?: (body: string) => string) {
  const body = edit ? Buffer.from(edit(action.body.toString("latin1")), "latin1") : action.body;
  const headers = Object.fromEntries(
    Object.entries(action.headers).filter(([k]) => ["next-action", "content-type", "accept", "next-router-state-tree"].includes(k)),
  );
  return request.post(action.url, { headers, data: body, maxRedirects: 0 });
}

/** From the People page: hover the row, open the Impersonate window, confirm (lands on sign-in). */
export async function confirmImpersonation(page: Page, targetName: string, reason = "") {
  await page.goto("/people");
  const row = page.getByRole("row", { name: targetName });
  await row.hover();
  await page.getByRole("button", { name: `Impersonate ${targetName}` }).click();
  const dialog = page.getByRole("dialog", { name: `Impersonate ${targetName}?` });
  await expect(dialog).toBeVisible();
  if (reason) await dialog.getByLabel("Reason").fill(reason);
  await dialog.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByTestId("impersonation-notice")).toContainText(
    `Sign in with your own username and password to impersonate ${targetName}`,
  );
}

/** The whole start: actor signs in, confirms on the target's row, and signs in again as themselves. */
export async function impersonate(page: Page, actor: string, targetName: string, reason = "") {
  await signInAs(page, actor);
  await confirmImpersonation(page, targetName, reason);
  await fillSignIn(page, actor);
  await expect(page.getByRole("region", { name: "Impersonation Mode" })).toContainText(
    `${DEMO_NAMES[actor]} is signed in as ${targetName}`,
  );
}

/** A query as the database's owner (the runner passes DIRECT_URL): for setting up what the app's role may not. */
export const ownerSql = sqlAt(() => process.env.DIRECT_URL ?? process.env.DATABASE_URL);

type NewUser = { username: string; name: string; email: string | null; perms?: ("GLOBAL_USER_ADMIN" | "IMPERSONATE_USER")[] };

/**
 * An organization of its own for a spec that changes organization-wide settings (the demo
 * organization is shared by the specs running beside it): one Location, these users with the
 * demo password, their permissions. Usernames are global, so they must be new.
 */
export async function createOrganization(name: string, users: NewUser[]): Promise<{ id: string; users: Record<string, string> }> {
  const suffix = Math.random().toString(36).slice(2, 10);
  const orgId = `org-${suffix}`;
  const locationId = `loc-${suffix}`;
  const [{ passwordHash }] = (await ownerSql<{ passwordHash: string }>(`SELECT "passwordHash" FROM "User" WHERE username = 'jane'`)) as [{ passwordHash: string }];
  await ownerSql(`INSERT INTO "Organization" (id, name) VALUES ($1, $2)`, [orgId, name]);
  await ownerSql(`INSERT INTO "Location" (id, "organizationId", name, path, depth) VALUES ($1, $2, $3, $4, 0)`, [locationId, orgId, name, `/${locationId}/`]);
  const ids: Record<string, string> = {};
  for (const u of users) {
    const id = `usr-${u.username}-${suffix}`;
    await ownerSql(
      `INSERT INTO "User" (id, "organizationId", username, name, email, "locationId", "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [id, orgId, u.username, u.name, u.email, locationId, passwordHash],
    );
    for (const permission of u.perms ?? []) {
      await ownerSql(`INSERT INTO "PermissionGrant" (id, "organizationId", "userId", permission) VALUES ($1, $2, $3, $4::"Permission")`, [
        `grant-${permission}-${u.username}-${suffix}`,
        orgId,
        id,
        permission,
      ]);
    }
    ids[u.username] = id;
    DEMO_NAMES[u.username] = u.name;
  }
  return { id: orgId, users: ids };
}
