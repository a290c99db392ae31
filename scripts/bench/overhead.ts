// What impersonation costs a request: the same five pages for Jane in her own session and for Gina
// impersonating Jane, interleaved request by request (the order alternating), so that whatever
// noise the machine makes falls on both.
import pg from "pg";
import { Client, DEMO_PASSWORD } from "../lib/http-client";
import { summarize, type Summary } from "./stats";

export type OverheadFigures = {
  pages: { label: string; own: Summary; impersonating: Summary; ratio: number }[];
  /** Σ impersonating / Σ own, over every request. */
  ratioSum: number;
  /** Σ per-page medians impersonating / Σ per-page medians own. */
  ratioMedians: number;
};

/** Jane's id, her Board's and one of her Items'. */
async function ids(ownerUrl: string) {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const one = async (sql: string) => ((await client.query<{ id: string }>(sql)).rows[0] ?? { id: "" }).id;
    return {
      jane: await one(`SELECT id FROM "User" WHERE username = 'jane'`),
      board: await one(`SELECT id FROM "Board" WHERE name = 'ICU Huddle'`),
      item: await one(`SELECT id FROM "Item" WHERE title = 'Move glove boxes beside each bed'`),
    };
  } finally {
    await client.end();
  }
}

/** Gina, signed in again as Jane through the impersonation re-login. */
export async function impersonatingJane(base: string, janeId: string, reason = "benchmark"): Promise<Client> {
  const gina = new Client(base);
  if ((await gina.signIn("gina")).includes("error")) throw new Error("gina could not sign in");
  const confirmed = await gina.action("/people", "confirmImpersonationAction", { targetId: janeId, reason });
  if (![...gina.jar.keys()].some((k) => k.endsWith("impersonation-request"))) throw new Error(`the confirmation was refused: ${confirmed.text.slice(0, 200)}`);
  if ((await gina.signIn("gina", DEMO_PASSWORD, "impersonation")).includes("error")) throw new Error("the re-login failed");
  return gina;
}

/** Jane signed in, Gina impersonating her, and Jane's five pages: what the overhead and load benches compare. */
export async function janeBothWays(base: string, ownerUrl: string, reason: string) {
  const { jane: janeId, board, item } = await ids(ownerUrl);
  const jane = new Client(base);
  if ((await jane.signIn("jane")).includes("error")) throw new Error("jane could not sign in");
  const asJane = await impersonatingJane(base, janeId, reason);
  const pages = [
    { label: "/ (home)", path: "/" },
    { label: "/people", path: "/people" },
    { label: "/items", path: "/items" },
    { label: "a Board", path: `/boards/${board}` },
    { label: "an Item", path: `/items/${item}` },
  ];
  return { jane, asJane, pages };
}

/** Throws unless `page` is `name`'s page, answered, with the banner exactly when impersonating. */
export function expectUsersPage(page: { status: number; location?: string | null; text: string }, path: string, name: string, impersonating: boolean): void {
  const banner = page.text.includes(`aria-label="Impersonation Mode"`);
  const shown = page.text.includes(name);
  if (page.status !== 200 || !shown || banner !== impersonating) {
    throw new Error(
      `${path} (${impersonating ? "impersonating" : "own"}): HTTP ${page.status}${page.location ? ` → ${page.location}` : ""}, ${name} ${shown ? "shown" : "missing"}, banner ${banner}`,
    );
  }
}

/** Jane's page: what the overhead and load benches compare. */
export function expectJanesPage(page: { status: number; location?: string | null; text: string }, path: string, impersonating: boolean): void {
  expectUsersPage(page, path, "Jane Doe", impersonating);
}

export async function benchOverhead(base: string, ownerUrl: string, options: { requests: number; warmup: number; log: (line: string) => void }): Promise<OverheadFigures> {
  const { jane, asJane, pages } = await janeBothWays(base, ownerUrl, "benchmark");
  const times = pages.map(() => ({ own: [] as number[], impersonating: [] as number[] }));
  const once = async (client: Client, path: string, impersonating: boolean) => {
    const t0 = performance.now();
    const page = await client.page(path);
    const ms = performance.now() - t0;
    expectJanesPage(page, path, impersonating);
    return ms;
  };
  for (let i = 0; i < options.warmup + options.requests; i++) {
    for (const [p, page] of pages.entries()) {
      const order = (i + p) % 2 === 0 ? ([false, true] as const) : ([true, false] as const);
      for (const impersonating of order) {
        const ms = await once(impersonating ? asJane : jane, page.path, impersonating);
        if (i >= options.warmup) times[p]![impersonating ? "impersonating" : "own"].push(ms);
      }
    }
  }
  const figures = pages.map((page, p) => {
    const own = summarize(times[p]!.own);
    const impersonating = summarize(times[p]!.impersonating);
    return { label: page.label, own, impersonating, ratio: impersonating.p50 / own.p50 };
  });
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const result = {
    pages: figures,
    ratioSum: sum(times.flatMap((t) => t.impersonating)) / sum(times.flatMap((t) => t.own)),
    ratioMedians: sum(figures.map((f) => f.impersonating.p50)) / sum(figures.map((f) => f.own.p50)),
  };
  for (const f of figures) options.log(`overhead ${f.label.padEnd(10)} own p50 ${f.own.p50.toFixed(1)} ms, impersonating p50 ${f.impersonating.p50.toFixed(1)} ms (${f.ratio.toFixed(2)}×)`);
  options.log(`overhead: ${result.ratioSum.toFixed(3)}× (sum), ${result.ratioMedians.toFixed(3)}× (medians)`);
  return result;
}
