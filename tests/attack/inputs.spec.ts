// Generated input at the real doors: every route handler, and every Server Action posted by hand with
// generated fields, answers without a server error, signs nobody in, and changes nothing.
// (tests/integration/bad-input.property.test.ts drives the same changes in depth.)
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { Client, signedIn, sql } from "../support/attack";

const RUNS = 25;
const field = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.constantFrom("", " ", "\u0000", "\u202Eevil", "😀".repeat(300), "x".repeat(6000), "' OR 1=1 --", "../../etc/passwd", "<script>alert(1)</script>", "NaN", "-1"),
);
const fields = fc.dictionary(fc.constantFrom("userId", "itemId", "boardId", "targetId", "sessionId", "grantId", "locationId", "name", "title", "body", "status", "permission", "email", "password", "x"), field, { maxKeys: 5 });

/** What any change would show: rows and the history (refusals may only record themselves). */
async function digest(): Promise<string> {
  const [row] = await sql<{ d: string }>(`
    SELECT md5(concat_ws('|',
      (SELECT string_agg(concat_ws(',', id, name, email, active), ';' ORDER BY id) FROM "User"),
      (SELECT count(*) FROM "PermissionGrant"), (SELECT string_agg(concat_ws(',', id, title, status, "assigneeId"), ';' ORDER BY id) FROM "Item"),
      (SELECT count(*) FROM "Comment"), (SELECT string_agg(concat_ws(',', id, name, "deletedAt"), ';' ORDER BY id) FROM "Board"),
      (SELECT count(*) FROM "ImpersonationRequest" WHERE status = 'PENDING'), (SELECT count(*) FROM "ImpersonationSession" WHERE status = 'ACTIVE'),
      (SELECT count(*) FROM "TimelineEvent" WHERE type NOT IN ('access.refused', 'impersonation.denied'))
    )) AS d`);
  return row!.d;
}

const noServerError = (status: number, what: string) => expect(status, what).toBeLessThan(500);
const noStackTrace = (text: string, what: string) => expect(text, what).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)|PrismaClient|node_modules/);

test("route handlers: the cron route, Auth.js's sign-in and session routes, fed generated input", async () => {
  let count = 0;
  const anonymous = new Client();
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom("Bearer ", "Bearer \u0000", `Bearer ${"x".repeat(5000)}`)), async (authorization) => {
      const response = await anonymous.request("/api/cron/sweep", { headers: { authorization: authorization.replace(/[^\x20-\x7e]/g, "?") } });
      expect(response.status).toBe(401);
      count++;
    }),
    { numRuns: RUNS },
  );
  await quiesce();
  const before = await digest();
  for (const provider of ["credentials", "impersonation"]) {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom("username", "password", "callbackUrl", "impersonation", "x"), field, { maxKeys: 4 }), async (body) => {
        const client = new Client();
        const csrf = (await (await client.request("/api/auth/csrf")).json()) as { csrfToken: string };
        const response = await client.request(`/api/auth/callback/${provider}`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ ...Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])), csrfToken: csrf.csrfToken }),
        });
        noServerError(response.status, `${provider} ${JSON.stringify(body).slice(0, 100)}`);
        expect([...client.jar.keys()].some((k) => k.endsWith("session-token"))).toBe(false);
        count++;
      }),
      { numRuns: RUNS },
    );
  }
  const jane = await signedIn("jane");
  await fc.assert(
    fc.asyncProperty(fc.jsonValue({ maxDepth: 2 }), async (data) => {
      const csrf = (await (await jane.request("/api/auth/csrf")).json()) as { csrfToken: string };
      const response = await jane.request("/api/auth/session", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ csrfToken: csrf.csrfToken, data }) });
      noServerError(response.status, JSON.stringify(data).slice(0, 100));
      const session = (await (await jane.request("/api/auth/session")).json()) as { user?: { username: string } };
      expect(session.user?.username).toBe("jane");
      count++;
    }),
    { numRuns: RUNS },
  );
  expect(await digest()).toBe(before);
  console.log(`[inputs] route handlers: ${count} generated requests, no server error, nobody signed in, nothing changed`);
});

const ACTIONS: [string, string, string][] = [
  ["gina", "/admin/users/new", "createUserAction"],
  ["gina", "/admin/users", "updateUserAction"],
  ["gina", "/admin/users", "deactivateUserAction"],
  ["gina", "/admin/users", "reactivateUserAction"],
  ["gina", "/admin/users", "grantPermissionAction"],
  ["gina", "/admin/users", "revokePermissionAction"],
  ["gina", "/admin/users", "signOutEverywhereAction"],
  ["gina", "/admin/lockouts", "clearLockoutAction"],
  ["gina", "/people", "confirmImpersonationAction"],
  ["gina", "/admin/impersonations", "revokeImpersonationAction"],
  ["jane", "/items/new", "createItemAction"],
  ["jane", "/items", "updateItemAction"],
  ["jane", "/items", "changeItemStatusAction"],
  ["jane", "/items", "assignItemAction"],
  ["jane", "/items", "addCommentAction"],
  ["jane", "/boards", "createBoardAction"],
  ["jane", "/boards", "renameBoardAction"],
  ["jane", "/boards", "updateBoardFiltersAction"],
  ["jane", "/boards", "deleteBoardAction"],
  ["jane", "/account", "changePasswordAction"],
];

/**
 * Waits until the background work has nothing left that would change the digest on its own: no
 * impersonation (other files leave some behind, ended by the sweep once idle) and no notice waiting
 * to be sent. The cron route runs the sweep and the outbox at once.
 */
async function quiesce() {
  await expect
    .poll(
      async () => {
        await new Client().request("/api/cron/sweep", { headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } });
        const [row] = await sql<{ n: string }>(
          `SELECT (SELECT count(*) FROM "ImpersonationSession" WHERE status = 'ACTIVE') + (SELECT count(*) FROM "EmailMessage" WHERE status = 'PENDING') AS n`,
        );
        return Number(row!.n);
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(0);
}

test("every Server Action posted by hand with generated fields: a clear answer, never a server error, nothing changed", async () => {
  test.setTimeout(300_000);
  await quiesce();
  const clients = { gina: await signedIn("gina"), jane: await signedIn("jane") } as Record<string, Client>;
  let count = 0;
  for (const [who, page, action] of ACTIONS) {
    const before = await digest();
    await fc.assert(
      fc.asyncProperty(fields, async (generated) => {
        const input = Object.fromEntries(Object.entries(generated).map(([k, v]) => [k, String(v)]));
        // A Board needs only a name: make sure the generated one is still not a valid Board.
        if (action === "createBoardAction") input["statuses[]"] = "NOT_A_STATUS";
        const result = await clients[who]!.action(page, action, input);
        noServerError(result.status, `${action} ${JSON.stringify(input).slice(0, 120)}`);
        noStackTrace(result.text, action);
        count++;
      }),
      { numRuns: RUNS },
    );
    expect(await digest(), action).toBe(before);
  }
  console.log(`[inputs] Server Actions: ${count} generated posts across ${ACTIONS.length} actions, no server error, nothing changed`);
});

/** The names every plain JavaScript object has: as a key a lookup must not find them. */
const PROTOTYPE_KEYS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];

test("prototype names in the query string: the sign-in page shows no notice, and no page errs", async () => {
  const anonymous = new Client();
  for (const key of PROTOTYPE_KEYS) {
    const page = await anonymous.page(`/sign-in?notice=${key}`);
    expect(page.status, `/sign-in?notice=${key}`).toBe(200);
    expect(page.text, `/sign-in?notice=${key}`).not.toContain(`data-testid="sign-in-notice"`);
    noStackTrace(page.text, key);
  }
  // A real notice still shows.
  expect((await anonymous.page("/sign-in?notice=signed-out")).text).toContain(`data-testid="sign-in-notice"`);

  // Every page that reads its query string, given prototype names as parameters and as values.
  const pollution = PROTOTYPE_KEYS.flatMap((key) => [`${key}=a`, `${key}=b`]).join("&");
  const gina = await signedIn("gina");
  const janeId = (await sql<{ id: string }>(`SELECT id FROM "User" WHERE username = 'jane'`))[0]!.id;
  const pages: [Client, string, string[]][] = [
    [anonymous, "/sign-in", ["notice", "ended", "callbackUrl"]],
    [gina, "/people", ["q", "location", "after", "before"]],
    [gina, "/items", ["status", "location", "assignee", "q"]],
    [gina, "/boards", ["deleted"]],
    [gina, "/admin/users", ["q", "location", "after", "before"]],
    [gina, `/admin/users/${janeId}`, ["created"]],
    [gina, "/admin/timeline", ["type", "who", "subject", "after", "before"]],
    [gina, "/admin/impersonations", ["status", "actor", "target", "from", "to", "endReason", "after", "before"]],
    [gina, "/admin/impersonations/export", ["format", "status", "endReason"]],
  ];
  for (const [client, path, params] of pages) {
    for (const key of PROTOTYPE_KEYS) {
      const query = `${params.map((p) => `${p}=${key}`).join("&")}&${pollution}`;
      const response = await client.page(`${path}?${query}`);
      noServerError(response.status, `${path}?${query.slice(0, 80)}`);
      noStackTrace(response.text, path);
    }
  }

  // Server Actions given fields named after them (one twice, a list): a clear answer, nothing changed.
  await quiesce();
  const before = await digest();
  const jane = await signedIn("jane");
  const fields = Object.fromEntries(PROTOTYPE_KEYS.map((key) => [key, ["a", "b"]]));
  for (const [who, page, action] of ACTIONS) {
    const client = who === "jane" ? jane : gina;
    const result = await client.action(page, action, { ...fields, title: "", name: "" });
    noServerError(result.status, `${action} with prototype field names`);
    noStackTrace(result.text, action);
  }
  expect(await digest()).toBe(before);
});
