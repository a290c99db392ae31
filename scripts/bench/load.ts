// Many people at once: requests per second and latency at 4, 16 and 64 concurrent connections
// (autocannon, on the machine's cores beside the server; the median of several rounds) for Jane's
// five pages in her own session and as Gina impersonating her, next to two ceilings on the same
// server in the same run: /api/health (no session, no page) and /ping (the session read, as every
// page does, and nothing rendered of its own: the framework's own limit here). Each run is checked
// first with one request (the page, the right user, the banner only when impersonating); a redirect
// or error during the run is counted, never hidden.
//
// Jane's own session and Gina-as-Jane are loaded at the same time, half the connections each, the
// side started first swapped every round; the ratios are over all rounds together. One after the
// other, the same page's two runs differed by a tenth or more from drift alone, as much as 0.83× to
// 1.14× at 4 connections.
import autocannon from "autocannon";
import { expectJanesPage, janeBothWays } from "./overhead";
import { Client } from "../lib/http-client";

export type LoadRun = { rps: number; p50: number; p99: number; requests: number; errors: number };
/** Rounds of one page at one concurrency: the median round by throughput, and what every round saw. */
export type LoadFigure = LoadRun & { rounds: number[] };
export type LoadFigures = {
  concurrencies: number[];
  seconds: number;
  rounds: number;
  ceilings: { label: string; path: string; runs: LoadFigure[] }[];
  /**
   * Per concurrency: each side's median round (at half the connections); over all rounds,
   * impersonated ÷ own throughput, and both sides' together ÷ /ping's at all the connections.
   */
  pages: { label: string; path: string; own: LoadFigure[]; impersonating: LoadFigure[]; ratio: number[]; ofPing: number[] }[];
};

/** What a browser sends on a click (so each request is the user's activity, as in the overhead bench). */
const NAVIGATION = { "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate", "sec-fetch-user": "?1" };

async function hammer(url: string, connections: number, seconds: number, cookie: string | null): Promise<LoadRun> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { ...NAVIGATION, ...(cookie ? { cookie } : {}) },
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** The round of median throughput, with every round's throughput and the errors of all of them. */
function median(runs: LoadRun[]): LoadFigure {
  const sorted = [...runs].sort((a, b) => a.rps - b.rps);
  const middle = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return { ...middle, errors: runs.reduce((sum, r) => sum + r.errors, 0), rounds: runs.map((r) => r.rps) };
}

export async function benchLoad(
  base: string,
  ownerUrl: string,
  options: { concurrencies: number[]; seconds: number; rounds: number; log: (line: string) => void },
): Promise<LoadFigures> {
  const both = await janeBothWays(base, ownerUrl, "load benchmark");
  const { jane, asJane } = both;

  /** One checked request (which also keeps the client's cookies current), then its cookie header. */
  const checked = async (client: Client, path: string, impersonating: boolean): Promise<string> => {
    expectJanesPage(await client.page(path), path, impersonating);
    return client.cookieHeader();
  };

  const pages = both.pages.map((p) => ({ ...p, own: [] as LoadFigure[], impersonating: [] as LoadFigure[], ratio: [] as number[], ofPing: [] as number[] }));
  const ceilings = [
    { label: "/api/health", path: "/api/health", runs: [] as LoadFigure[] },
    { label: "/ping (session only)", path: "/ping", runs: [] as LoadFigure[] },
  ];

  for (const connections of options.concurrencies) {
    // Long enough for every connection to make several requests even when each waits seconds (64
    // of them on 2 cores).
    const seconds = Math.max(options.seconds, Math.ceil(connections / 6));
    const health: LoadRun[] = [];
    const ping: LoadRun[] = [];
    const rounds = pages.map(() => ({ own: [] as LoadRun[], impersonating: [] as LoadRun[] }));
    for (let round = 0; round < options.rounds; round++) {
      health.push(await hammer(`${base}/api/health`, connections, seconds, null));
      const floor = await hammer(`${base}/ping`, connections, seconds, await checked(jane, "/ping", false));
      ping.push(floor);
      for (const [p, page] of pages.entries()) {
        // Both at once, half the connections each: whatever the machine does in those seconds
        // falls on both. The side whose connections open first gets more of the server (Jane's
        // own session on both halves: the second got 0.87 of the first at 64), so the first is
        // swapped every round.
        const cookies = [await checked(jane, page.path, false), await checked(asJane, page.path, true)] as const;
        const order = round % 2 === 0 ? ([0, 1] as const) : ([1, 0] as const);
        const started = order.map((side) => hammer(`${base}${page.path}`, Math.max(1, connections / 2), seconds, cookies[side]));
        const [first, second] = await Promise.all(started);
        const [own, impersonating] = order[0] === 0 ? [first!, second!] : [second!, first!];
        const r = rounds[p]!;
        r.own.push(own);
        r.impersonating.push(impersonating);
      }
    }
    ceilings[0]!.runs.push(median(health));
    ceilings[1]!.runs.push(median(ping));
    for (const [p, page] of pages.entries()) {
      const r = rounds[p]!;
      page.own.push(median(r.own));
      page.impersonating.push(median(r.impersonating));
      // Over every round together (an even number of them starts each side first equally often).
      const total = (runs: LoadRun[]) => runs.reduce((sum, run) => sum + run.rps, 0);
      page.ratio.push(total(r.impersonating) / total(r.own));
      page.ofPing.push((total(r.own) + total(r.impersonating)) / total(ping));
    }
    const line = (r: LoadRun) => `${r.rps.toFixed(0)}/s p99 ${r.p99} ms${r.errors ? `, ${r.errors} errors` : ""}`;
    options.log(`load at ${connections}: ${ceilings.map((c) => `${c.label} ${line(c.runs.at(-1)!)}`).join(" · ")}`);
    for (const page of pages) {
      options.log(`  ${page.label}: own ${line(page.own.at(-1)!)}; impersonating ${line(page.impersonating.at(-1)!)}; ${page.ratio.at(-1)!.toFixed(2)}×, ${page.ofPing.at(-1)!.toFixed(2)} of /ping`);
    }
  }
  return { concurrencies: options.concurrencies, seconds: options.seconds, rounds: options.rounds, ceilings, pages };
}
