// What counts as activity, as ordinary users and attackers meet it. The idle cutoff with several
// tabs of one session, through real Chromium: a navigation a page makes by itself (its countdown, a
// reload, the sign-in page's redirect) is never activity, and every tab counts down from the one
// shared last activity, so the cutoff holds with any number of tabs left alone, and a tab in use
// keeps the others alive without their leaving. And an older browser, which sends no Sec-Fetch-*
// headers, is judged by Origin and Referer.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_NAMES, impersonate } from "../support/e2e";
import { ATTACK_BASE, ATTACK_LIMITS, signedIn, sql } from "../support/attack";

const LIMIT_MS = ATTACK_LIMITS.IMPERSONATION_IDLE_TIMEOUT_SECONDS * 1000;
const banner = (page: Page) => page.getByRole("region", { name: "Impersonation Mode" });
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runSweep(context: BrowserContext) {
  const response = await context.request.get(`${ATTACK_BASE}/api/cron/sweep`, { headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } });
  expect(response.status()).toBe(200);
}

async function impersonation(reason: string) {
  const [row] = await sql<{ status: string; endReason: string | null; endedAt: Date | null }>(
    `SELECT status, "endReason", "endedAt" FROM "ImpersonationSession" WHERE reason = $1`,
    [reason],
  );
  return row!;
}

type Pair = { actor: string; target: string };
const GINA_AS_JANE: Pair = { actor: "gina", target: "Jane Doe" };
const signedInAs = ({ actor, target }: Pair) => `${DEMO_NAMES[actor]} is signed in as ${target}`;

/**
 * `who.actor` impersonates `who.target` in a fresh browser, then opens `pages` in as many tabs,
 * `gapMs` apart. `deafFirst`: the first tab hears nothing of the others (no BroadcastChannel), so
 * only asking the server can tell it of their activity.
 */
async function tabs(context: BrowserContext, reason: string, pages: string[], gapMs: number, deafFirst = false, who: Pair = GINA_AS_JANE) {
  const first = await context.newPage();
  if (deafFirst) await first.addInitScript(() => Reflect.deleteProperty(window, "BroadcastChannel"));
  await impersonate(first, who.actor, who.target, reason);
  const opened: Page[] = [];
  for (const [i, path] of pages.entries()) {
    if (i > 0) await wait(gapMs);
    const tab = i === 0 ? first : await context.newPage();
    await tab.goto(path);
    await expect(banner(tab)).toContainText(signedInAs(who));
    opened.push(tab);
  }
  return { opened, lastLoad: Date.now() };
}

/** `count` tabs of one impersonation left alone: every one leaves at the limit, and nothing revives it. */
async function leftAlone(browser: Browser, count: number, who: Pair) {
  const reason = `idle tabs ${count} ${Date.now()}`;
  const context = await browser.newContext();
  const { opened, lastLoad } = await tabs(context, reason, ["/people", "/items", "/boards"].slice(0, count), 3_000, false, who);

  // Nobody touches anything: every tab leaves for the sign-in page soon after the limit, and not
  // one of those departures (or the redirects behind them) revives the session.
  for (const tab of opened) await expect(tab, `${count} tab(s)`).toHaveURL(/\/sign-in/, { timeout: lastLoad + LIMIT_MS + 8_000 - Date.now() });
  await wait(3_000);
  for (const tab of opened) {
    await expect(tab).toHaveURL(/\/sign-in/);
    await expect(banner(tab)).toHaveCount(0);
  }
  const probe = await context.request.get(`${ATTACK_BASE}/items`, { maxRedirects: 0 });
  expect(probe.status()).toBe(307);
  expect(probe.headers().location).toContain("/sign-in");

  await runSweep(context);
  const row = await impersonation(reason);
  expect(row, `${count} tab(s)`).toMatchObject({ status: "ENDED", endReason: "INACTIVITY" });
  // Its real end: the last tab's load plus the limit (not some later bounce; lastLoad is taken
  // after the page showed, a moment after the server saw the request).
  expect(Math.abs(row.endedAt!.getTime() - (lastLoad + LIMIT_MS))).toBeLessThan(5_000);
  await context.close();
}

// One, two and three tabs at the same time, each an impersonation by an administrator of its own
// (one live impersonation per actor): the waits for the idle limit overlap instead of adding up.
test("1, 2 and 3 tabs left alone: each impersonation ends at the idle limit after its last load", async ({ browser }) => {
  await Promise.all([
    leftAlone(browser, 1, { actor: "gina", target: "Jane Doe" }),
    leftAlone(browser, 2, { actor: "luis", target: "Lena Local" }),
    leftAlone(browser, 3, { actor: "sid", target: "Sam South" }),
  ]);
});

test("a tab in use keeps an idle tab alive, and the idle tab stays where it was", async ({ browser }) => {
  const reason = `busy tab ${Date.now()}`;
  const context = await browser.newContext();
  // The idle tab cannot hear the busy one: at each zero it must ask the server, and stay.
  const { opened } = await tabs(context, reason, ["/people", "/items"], 1_000, true);
  const [idle, busy] = opened as [Page, Page];
  const started = Date.now();
  const links = ["Boards", "Items", "People", "Home"];
  for (let i = 0; Date.now() - started < LIMIT_MS * 2.5; i++) {
    await wait(LIMIT_MS / 3);
    await busy.getByRole("navigation", { name: "Main" }).getByRole("link", { name: links[i % links.length]!, exact: true }).click();
    await expect(banner(busy)).toContainText("Gina Global is signed in as Jane Doe");
  }
  // The idle tab asked before leaving, learned the other tab was in use, and never navigated.
  expect(await idle.evaluate(() => typeof BroadcastChannel)).toBe("undefined");
  await expect(idle).toHaveURL(/\/people$/);
  await expect(banner(idle)).toContainText("Gina Global is signed in as Jane Doe");
  expect(await impersonation(reason)).toMatchObject({ status: "ACTIVE" });
  await context.close();
});

test("a tab left in the background: the cutoff holds, and the tab leaves when it wakes", async ({ browser }) => {
  const reason = `background tab ${Date.now()}`;
  const context = await browser.newContext();
  const { opened, lastLoad } = await tabs(context, reason, ["/people", "/items"], 1_000);
  const [front, back] = opened as [Page, Page];
  // The second tab is frozen, as a browser freezes a tab long in the background: no timers run.
  const cdp = await context.newCDPSession(back);
  await cdp.send("Page.setWebLifecycleState", { state: "frozen" });

  await expect(front).toHaveURL(/\/sign-in/, { timeout: lastLoad + LIMIT_MS + 8_000 - Date.now() });
  await runSweep(context);
  expect(await impersonation(reason)).toMatchObject({ status: "ENDED", endReason: "INACTIVITY" });

  // Woken, the background tab finds the session over and leaves; the impersonation stays ended.
  await cdp.send("Page.setWebLifecycleState", { state: "active" });
  await expect(back).toHaveURL(/\/sign-in/, { timeout: 8_000 });
  await expect(banner(back)).toHaveCount(0);
  expect(await impersonation(reason)).toMatchObject({ status: "ENDED", endReason: "INACTIVITY" });
  await context.close();
});

test("a browser that sends no Sec-Fetch-Site: only this site's Origin or Referer is activity", async () => {
  const jane = await signedIn("jane");
  await jane.page("/");
  const visit = (headers: Record<string, string>) => jane.request("/items", { headers, secFetch: false });
  const refreshed = (response: Response) => response.headers.getSetCookie().some((c) => c.startsWith("kaizen.activity="));

  // Followed from this site: the user's own doing.
  const own = await visit({ referer: `${ATTACK_BASE}/people` });
  expect(own.status).toBe(200);
  expect(refreshed(own)).toBe(true);
  // From another site, or from nowhere the request names: a hostile page in an older browser.
  const hostile: Record<string, string>[] = [{}, { referer: "https://evil.example/page" }, { origin: "https://evil.example", referer: "https://evil.example/" }];
  for (const headers of hostile) {
    const response = await visit(headers);
    expect(response.status, JSON.stringify(headers)).toBe(200);
    expect(refreshed(response), JSON.stringify(headers)).toBe(false);
  }
  // Revisited that way until just before the idle limit, the session still runs out at it.
  const started = Date.now();
  const limitMs = ATTACK_LIMITS.SESSION_IDLE_TIMEOUT_SECONDS * 1000;
  for (let i = 0; Date.now() - started < limitMs - 4_000; i++) {
    expect((await visit(hostile[i % hostile.length]!)).status).toBe(200);
    await wait(3_000);
  }
  await wait(started + limitMs + 2_000 - Date.now());
  const after = await jane.request("/items");
  expect(after.headers.get("location")).toMatch(/notice=inactivity/);
});
