// Attacks on the session: forged and edited tokens, cookies sent twice, cookies kept from before a
// sign-out, idle sessions smuggled through public paths and cross-site requests, HTTPS cookie
// names. Each attack is a plain HTTP request against the production build.
import { expect, test } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { sessionBinding, signActivity } from "@/lib/auth/edge/activity";
import { ATTACK_LIMITS, Client, DEMO_PASSWORD, idOf, impersonating, sessionCookie, signedIn, sql } from "../support/attack";

const secret = process.env.AUTH_SECRET!;
const SIGNED_OUT = /\/sign-in/;

/** Whether `client` (or these raw cookies) gets the signed-in page `/items` as `name`. */
async function seesItemsAs(client: Client, name: string, cookie?: string): Promise<boolean> {
  const response = await client.request("/items", cookie === undefined ? {} : { cookie });
  return response.status === 200 && (await response.text()).includes(`data-testid="current-user"`) && (await client.page("/")).text.includes(name);
}

async function status(client: Client, pathname: string, cookie?: string) {
  const response = await client.request(pathname, cookie === undefined ? {} : { cookie });
  return { status: response.status, location: response.headers.get("location") ?? "" };
}

test("forged tokens open nothing: another secret, alg none, an edited token, edited claims", async () => {
  const jane = await signedIn("jane");
  const [name, token] = sessionCookie(jane)!;
  const janeId = await idOf("jane");
  const claims = { sub: janeId, name: "Jane Doe", username: "jane", organizationId: "x", signedInAt: Math.floor(Date.now() / 1000), sid: "made-up" };
  const forgeries = {
    "another secret": await encode({ token: claims, secret: "another-secret-of-the-right-length-123456", salt: name, maxAge: 3600 }),
    "alg none": `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}.`,
    "an edited token": token.slice(0, -12) + (token.endsWith("A") ? "B" : "A") + token.slice(-11),
    // Signed with the real secret (as if it had leaked) but with a made-up sign-in: still refused.
    "edited claims": await encode({ token: claims, secret, salt: name, maxAge: 3600 }),
  };
  for (const [what, forged] of Object.entries(forgeries)) {
    const { status: code, location } = await status(jane, "/items", `${name}=${forged}`);
    expect(code, what).toBe(307);
    expect(location, what).toMatch(SIGNED_OUT);
  }
  expect(await seesItemsAs(jane, "Jane Doe")).toBe(true); // the real one still works
});

test("every session, activity and request cookie sent twice, in either order, is refused", async () => {
  const jane = await signedIn("jane");
  const gina = await signedIn("gina");
  const [session, janeToken] = sessionCookie(jane)!;
  const [, ginaToken] = sessionCookie(gina)!;
  const activity = [...jane.jar].find(([k]) => k.endsWith("kaizen.activity"))?.[1] ?? "x";
  const pairs = [
    `${session}=${janeToken}; ${session}=${ginaToken}`,
    `${session}=${ginaToken}; ${session}=${janeToken}`,
    `${session}=${janeToken}; kaizen.activity=${activity}; kaizen.activity=${activity}`,
    `${session}=${janeToken}; kaizen.impersonation-request=a; kaizen.impersonation-request=b`,
  ];
  for (const cookie of pairs) {
    expect((await status(jane, "/items", cookie)).location, cookie.slice(0, 60)).toMatch(/\/sign-in\?notice=cookie-conflict/);
    // A Server Action with them: 401, and nothing runs.
    const action = await jane.request("/items", { method: "POST", cookie, headers: { "next-action": "x" } });
    expect(action.status).toBe(401);
  }
});

test("an idle session (the victim's) with a fresh one (the attacker's) beside it opens nothing", async () => {
  const victim = await signedIn("jane");
  const attacker = await signedIn("sam");
  const [session, victimToken] = sessionCookie(victim)!;
  const [, attackerToken] = sessionCookie(attacker)!;
  await new Promise((r) => setTimeout(r, (ATTACK_LIMITS.SESSION_IDLE_TIMEOUT_SECONDS + 2) * 1000));
  await attacker.page("/"); // the attacker's own session is fresh
  for (const cookie of [`${session}=${victimToken}; ${session}=${attackerToken}`, `${session}=${attackerToken}; ${session}=${victimToken}`]) {
    const page = await attacker.request("/boards", { cookie });
    expect(page.status).toBe(307);
    expect(await page.text()).not.toContain("ICU Huddle");
  }
  // Alone, the idle token is refused by the middleware and by the server itself (a request that
  // skipped the middleware — a freshly signed activity stamp from before the limit — is still idle).
  expect((await status(victim, "/boards")).location).toMatch(/notice=inactivity/);
});

test("cookies copied before Sign Out, the app's or Auth.js's own, work nowhere afterwards", async () => {
  const jane = await signedIn("jane");
  const copy = jane.cookieHeader();
  await jane.action("/", "signOutAction", {});
  expect((await status(jane, "/items", copy)).location).toMatch(SIGNED_OUT);

  // Auth.js's own POST /api/auth/signout, during an impersonation: the impersonation ends too.
  const imp = await impersonating("gina", "jane", "signout route");
  const impCopy = imp.cookieHeader();
  const [before] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = 'signout route' AND status = 'ACTIVE'`);
  expect(before).toBeTruthy();
  const csrf = (await (await imp.request("/api/auth/csrf")).json()) as { csrfToken: string };
  await imp.request("/api/auth/signout", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken }),
  });
  const [after] = await sql<{ status: string; endReason: string }>(`SELECT status, "endReason" FROM "ImpersonationSession" WHERE id = $1`, [before!.id]);
  expect(after).toEqual({ status: "ENDED", endReason: "SIGN_OUT" });
  expect((await status(imp, "/items", impCopy)).location).toMatch(SIGNED_OUT);
});

test("a password change and an administrator's sign out everywhere end every copy of a token", async () => {
  const nora1 = await signedIn("nora");
  const nora2 = await signedIn("nora");
  const gina = await signedIn("gina");
  const signedOut = await gina.action(`/admin/users/${await idOf("nora")}`, "signOutEverywhereAction", { userId: await idOf("nora") });
  expect(signedOut.text).toContain("Signed out everywhere");
  for (const copy of [nora1, nora2]) expect((await status(copy, "/items")).location).toMatch(SIGNED_OUT);

  const lena = await signedIn("lena");
  const other = await signedIn("lena");
  const changed = await lena.action("/account", "changePasswordAction", {
    currentPassword: DEMO_PASSWORD,
    newPassword: "a-brand-new-password",
    confirmPassword: "a-brand-new-password",
  });
  expect(changed.status).toBeLessThan(500);
  for (const copy of [lena, other]) expect((await status(copy, "/items")).location).toMatch(SIGNED_OUT);
  expect(await new Client().signIn("lena", "a-brand-new-password")).not.toContain("error");
  // Put the demo password back for the other attacks.
  await sql(`UPDATE "User" SET "passwordHash" = (SELECT "passwordHash" FROM "User" WHERE username = 'jane') WHERE username = 'lena'`);
});

test("revoked, capped and idle impersonations, replayed requests and update() open nothing", async () => {
  // Revoked by an administrator.
  const revoked = await impersonating("gina", "jane", "attack revoked");
  const [r] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = 'attack revoked'`);
  const nora = await signedIn("nora");
  await nora.action("/admin/impersonations", "revokeImpersonationAction", { sessionId: r!.id });
  expect((await status(revoked, "/items")).location).toMatch(SIGNED_OUT);

  // Past its cap (as if an hour had gone by).
  const capped = await impersonating("gina", "sam", "attack capped");
  await sql(`UPDATE "ImpersonationSession" SET "absoluteExpiresAt" = now() - interval '1 second' WHERE reason = 'attack capped'`);
  expect((await status(capped, "/items")).location).toMatch(SIGNED_OUT);
  // Its end is recorded right after that response (the request that found it over records it).
  await expect
    .poll(async () => (await sql(`SELECT 1 FROM "ImpersonationSession" WHERE reason = 'attack capped' AND "endReason" = 'ABSOLUTE_CAP'`)).length, { timeout: 5_000 })
    .toBe(1);

  // Idle past its limit, with a freshly signed activity stamp (as if the middleware had been skipped).
  const idle = await impersonating("gina", "jane", "attack idle");
  const [i] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = 'attack idle'`);
  await sql(`UPDATE "ImpersonationSession" SET "lastActivityAt" = now() - interval '1 hour' WHERE id = $1`, [i!.id]);
  const stamp = await signActivity(secret, sessionBinding({ impersonation: { id: i!.id, startedAt: "", absoluteExpiresAt: "", idleTimeoutSeconds: 10 } }), Math.floor(Date.now() / 1000));
  idle.jar.set("kaizen.activity", stamp);
  expect((await status(idle, "/items")).location).toMatch(SIGNED_OUT);

  // A used pending request, replayed with the actor's own credentials: nothing starts.
  const actor = await signedIn("gina");
  await actor.action("/people", "confirmImpersonationAction", { targetId: await idOf("jane"), reason: "attack replay" });
  const requestCookie = [...actor.jar].find(([k]) => k.endsWith("impersonation-request"))!;
  expect(await actor.signIn("gina", DEMO_PASSWORD, "impersonation")).not.toContain("error");
  const replay = new Client();
  replay.jar.set(requestCookie[0], requestCookie[1]);
  expect(await replay.signIn("gina", DEMO_PASSWORD, "impersonation")).toContain("error");
  expect(await sql(`SELECT 1 FROM "ImpersonationSession" WHERE reason = 'attack replay'`)).toHaveLength(1);

  // Identity through Auth.js's session update(): ignored.
  const jane = await signedIn("jane");
  const csrf = (await (await jane.request("/api/auth/csrf")).json()) as { csrfToken: string };
  await jane.request("/api/auth/session", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ csrfToken: csrf.csrfToken, data: { user: { id: await idOf("gina") }, actor: { id: await idOf("gina") }, sub: await idOf("gina") } }),
  });
  const session = (await (await jane.request("/api/auth/session")).json()) as { user: { username: string }; actor: unknown };
  expect(session).toMatchObject({ user: { username: "jane" }, actor: null });
  expect((await jane.page("/")).text).toContain("Jane Doe");
});

test("another organization's session sees nothing of this one; x-middleware-subrequest skips nothing", async () => {
  const gabe = await signedIn("gabe");
  const [board] = await sql<{ id: string }>(`SELECT b.id FROM "Board" b JOIN "User" u ON u.id = b."ownerId" WHERE u.username = 'jane'`);
  const [item] = await sql<{ id: string }>(`SELECT i.id FROM "Item" i JOIN "User" u ON u.id = i."createdById" WHERE u.username = 'jane' LIMIT 1`);
  expect((await gabe.page(`/boards/${board!.id}`)).status).toBe(404);
  expect((await gabe.page(`/items/${item!.id}`)).status).toBe(404);
  expect((await gabe.page("/people")).text).not.toContain("Jane Doe");

  const anonymous = new Client(undefined, { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" });
  expect((await anonymous.page("/items")).location).toMatch(SIGNED_OUT);
});

test("a Server Action posted to a public path meets the same session checks", async () => {
  // The sign-in page serves the Impersonate confirmation too (its module is on the page): an idle
  // administrator's session posted there must not confirm anything.
  const gina = await signedIn("gina");
  await new Promise((r) => setTimeout(r, (ATTACK_LIMITS.SESSION_IDLE_TIMEOUT_SECONDS + 2) * 1000));
  const result = await gina.action("/sign-in", "confirmImpersonationAction", { targetId: await idOf("sam"), reason: "smuggled through sign-in" });
  expect(result.status).toBeLessThan(500);
  expect(result.text).toContain("Your session has ended");
  expect(await sql(`SELECT id FROM "ImpersonationRequest" WHERE reason = 'smuggled through sign-in'`)).toHaveLength(0);
});

test("cross-site requests are not activity: a hostile tab cannot keep a session alive", async () => {
  const jane = await signedIn("jane");
  await jane.page("/");
  const crossSite = { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" };
  const first = await jane.request("/items", { headers: crossSite });
  expect(first.status).toBe(200);
  expect(first.headers.getSetCookie().some((c) => c.startsWith("kaizen.activity="))).toBe(false);
  // Keep "visiting" from another site until just before the idle limit, then look once the limit
  // has passed: those visits did not count, so the session ran out (a visit right at the limit
  // would itself be the one turned away).
  const started = Date.now();
  const limitMs = ATTACK_LIMITS.SESSION_IDLE_TIMEOUT_SECONDS * 1000;
  while (Date.now() - started < limitMs - 4_000) {
    expect((await jane.request("/items", { headers: crossSite })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 3_000));
  }
  await new Promise((r) => setTimeout(r, started + limitMs + 2_000 - Date.now()));
  expect((await status(jane, "/items")).location).toMatch(/notice=inactivity/);
});

test("on HTTPS the cookies are __Host- (Secure, Path=/, no Domain), and a plain one planted beside them is ignored", async () => {
  const https = new Client(undefined, { "x-forwarded-proto": "https" });
  expect(await https.signIn("jane")).not.toContain("error");
  await https.page("/items");
  await https.action("/people", "confirmImpersonationAction", { targetId: await idOf("jane") }).catch(() => undefined);
  const names = new Set(https.setCookies.map((c) => c.name));
  for (const name of ["__Host-authjs.session-token", "__Host-kaizen.activity", "__Host-authjs.csrf-token"]) expect(names, name).toContain(name);
  for (const c of https.setCookies.filter((c) => c.name.startsWith("__Host-") && c.value)) {
    expect(c.attributes, c.name).toMatch(/;\s*secure/i);
    expect(c.attributes, c.name).toMatch(/path=\//i);
    expect(c.attributes, c.name).not.toMatch(/domain=/i);
  }
  // A cookie without the prefix — what a sibling subdomain could plant — is not read on HTTPS.
  const plain = await signedIn("gina");
  const [, planted] = sessionCookie(plain)!;
  const victim = new Client(undefined, { "x-forwarded-proto": "https" });
  expect((await status(victim, "/items", `authjs.session-token=${planted}`)).location).toMatch(SIGNED_OUT);
});

test("on HTTPS, plain-named cookies a sibling subdomain plants twice lock nobody out; two __Host- ones are refused", async () => {
  // x-forwarded-proto: https makes the app treat these requests as HTTPS (isSecureRequest).
  const jane = new Client(undefined, { "x-forwarded-proto": "https" });
  expect(await jane.signIn("jane")).not.toContain("error");
  const real = jane.cookieHeader();
  expect(real).toContain("__Host-authjs.session-token=");
  // What evil.example.com can set with Domain=example.com on a sub-path: plain names, twice each —
  // gina's real (plain) token among them, so a plain name read as the session would show Gina.
  const [, ginaToken] = sessionCookie(await signedIn("gina"))!;
  const planted = [`authjs.session-token=${ginaToken}`, "authjs.session-token=x", "kaizen.activity=a", "kaizen.activity=b", "kaizen.impersonation-request=c", "kaizen.impersonation-request=d"];
  for (const cookie of [`${real}; ${planted.join("; ")}`, `${planted.join("; ")}; ${real}`]) {
    const page = await jane.request("/items", { cookie });
    expect(page.status, cookie.slice(0, 60)).toBe(200);
    expect(/data-testid="current-user"[^>]*>([^<]*)</.exec(await page.text())?.[1], "signed in as").toBe("Jane Doe");
    // The real session is not deleted.
    expect(page.headers.getSetCookie().filter((c) => c.startsWith("__Host-authjs.session-token=;"))).toEqual([]);
    // A Server Action on that path goes through too (no 401 for conflicting cookies).
    const action = await jane.request("/items", { method: "POST", cookie, headers: { "next-action": "x" } });
    expect(action.headers.get("x-kaizen-session")).toBeNull();
  }
  // Two __Host- session cookies are still two sessions: refused.
  const twice = `${real}; __Host-authjs.session-token=${sessionCookie(jane)![1]}`;
  expect((await status(jane, "/items", twice)).location).toMatch(/\/sign-in\?notice=cookie-conflict/);
});
