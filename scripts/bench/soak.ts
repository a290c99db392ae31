// A soak: minutes of mixed load on one fresh server (started by the caller with soakProbeEnv, so the
// figures are this load's alone) — a few virtual users at once, each in a loop until the time is up:
// sign in, browse, comment on an Item (a Server Action), sign out; two of them administrators who
// start an impersonation, browse and comment as the user, and end it by signing out. Measured:
//   • inside the server (scripts/bench/soak-probe.mjs, loaded with NODE_OPTIONS=--import): RSS each
//     second (its growth: the peak of the last quarter over the first's, as the collector saws it),
//     the heap alive after each full collection, and the event loop delay since the warm-up ended;
//   • the app role's connections in pg_stat_activity, each second, against the pool's size;
//   • every request checked (status, the right user, the banner exactly when impersonating): an
//     error is counted by kind, never hidden;
//   • at the end, from the database: each impersonation started ended, by its sign-out, with one
//     start notice and one summary email queued (the demo users have one address each).
// Users think between requests (THINK_MS on average): this is sustained use, not saturation (the
// load section measures that).
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { EMBEDDED_APP_ROLE } from "../lib/database";
import { Client, DEMO_PASSWORD } from "../lib/http-client";
import type { BenchServer } from "./app";
import { expectUsersPage } from "./overhead";
import { percentile } from "./stats";

const KINDS = ["sign-in", "page", "action", "sign-out", "impersonation start", "impersonation end"] as const;
type Kind = (typeof KINDS)[number];

/** The environment that loads the probe into the server (startBenchServer's extraEnv). */
export function soakProbeEnv(probeFile: string): Record<string, string> {
  const probe = pathToFileURL(path.join(import.meta.dirname, "soak-probe.mjs")).href;
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${probe}`.trim(), BENCH_PROBE_FILE: probeFile };
}

type ProbeLine = {
  pid: number;
  t: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  heapAfterGc: number | null;
  external: number;
  loop: { p50: number; p99: number; max: number; count: number };
  sinceMark: { p50: number; p99: number; max: number; count: number } | null;
};

export type SoakFigures = {
  seconds: number;
  warmupSeconds: number;
  workers: number;
  thinkMs: number;
  requests: Record<Kind, number>;
  errors: Record<Kind, number>;
  errorCount: number;
  /** The first errors, as they were seen. */
  errorSamples: string[];
  /**
   * MiB. The collector saws RSS up and down by a third or more between full collections, so growth
   * compares peaks: the highest of the soak's first quarter after the warm-up and of its last
   * quarter. `atWarmup`: the median of the warm-up's last five samples.
   */
  rss: { atWarmup: number; firstQuarter: number; lastQuarter: number; max: number; growth: number };
  /** MiB: what was alive after the full collection last before the warm-up ended, and the last one. */
  heapAfterGc: { atWarmup: number; end: number; growth: number; collections: number };
  connections: { max: number; pool: number; samples: number };
  /** Event loop delay in the server since the warm-up ended (ms), and the worst second's p99. */
  loop: { p50: number; p99: number; max: number; worstSecondP99: number };
  impersonations: {
    started: number;
    ended: number;
    inDatabase: number;
    endReasons: Record<string, number>;
    /** Sessions not ended, not by SIGN_OUT, or without exactly one notice and one summary. */
    wrong: number;
    notices: number;
    summaries: number;
    emailStatuses: Record<string, number>;
    ok: boolean;
  };
  /** Every few seconds since the server started taking the soak: seconds, RSS and heap (MiB), connections, that second's loop p99. */
  series: { t: number; rss: number; heapUsed: number; heapAfterGc: number; connections: number; loopP99: number }[];
};

const MiB = 2 ** 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => percentile(xs, 50);

async function demoData(client: pg.Client) {
  const users = (await client.query<{ id: string; username: string; name: string }>(`SELECT id, username, name FROM "User" WHERE username IN ('gina', 'luis', 'jane', 'sam', 'lena', 'nora')`)).rows;
  const byName = new Map(users.map((u) => [u.username, u]));
  const jane = byName.get("jane")!;
  const items = (await client.query<{ id: string }>(`SELECT id FROM "Item" WHERE "organizationId" = (SELECT "organizationId" FROM "User" WHERE id = $1) ORDER BY id LIMIT 20`, [jane.id])).rows.map((r) => r.id);
  const board = (await client.query<{ id: string }>(`SELECT id FROM "Board" WHERE name = 'ICU Huddle'`)).rows[0]!.id;
  return { byName, items, board };
}

export async function benchSoak(
  base: string,
  ownerUrl: string,
  server: BenchServer,
  options: { seconds: number; warmupSeconds: number; workers?: number; thinkMs?: number; probeFile: string; log: (line: string) => void },
): Promise<SoakFigures> {
  const workers = options.workers ?? 8;
  const thinkMs = options.thinkMs ?? 250;
  const pool = Number(process.env.DATABASE_POOL_MAX ?? 10);
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  const { byName, items, board } = await demoData(owner);
  const soakStart = (await owner.query<{ now: Date }>("SELECT now()")).rows[0]!.now;

  const requests = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const errors = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  const errorSamples: string[] = [];
  const impersonations = { started: 0, ended: 0 };
  const t0 = Date.now();
  const warmupEnds = t0 + options.warmupSeconds * 1000;
  const deadline = warmupEnds + options.seconds * 1000;
  const running = () => Date.now() < deadline;
  const think = () => sleep(Math.random() * 2 * thinkMs);
  let comments = 0;

  /** One request (or a few that make one step), checked by `fn`: a throw is an error of `kind`. */
  const step = async (kind: Kind, who: string, fn: () => Promise<void>): Promise<boolean> => {
    requests[kind]++;
    try {
      await fn();
      return true;
    } catch (error) {
      errors[kind]++;
      if (errorSamples.length < 20) errorSamples.push(`${who} ${kind}: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300));
      return false;
    }
  };
  const expectPage = async (client: Client, who: string, pagePath: string, name: string, impersonating: boolean) =>
    step("page", who, async () => expectUsersPage(await client.page(pagePath), pagePath, name, impersonating));
  const comment = (client: Client, who: string) =>
    step("action", who, async () => {
      // Never on the Item the mix reads: its page lists every comment, and a page that grows with the
      // soak would measure the data's growth, not the server's.
      const commented = items.slice(1);
      const itemId = commented[comments++ % commented.length]!;
      const done = await client.action(`/items/${itemId}`, "addCommentAction", { itemId, body: `Soak: ${who}, comment ${comments}` });
      if (done.status !== 200 || !done.text.includes(`"ok":true`)) throw new Error(`addCommentAction: HTTP ${done.status}${done.location ? ` → ${done.location}` : ""} ${done.text.slice(-200)}`);
    });
  /** A few rounds of pages with a comment each, ended early (never cut short mid-round) when the time is up. */
  const browse = async (client: Client, who: string, name: string, pages: string[], impersonating: boolean) => {
    for (let round = 0; round < 3 && running(); round++) {
      for (const pagePath of pages) {
        if (!(await expectPage(client, who, pagePath, name, impersonating))) return;
        await think();
      }
      if (!(await comment(client, who))) return;
      await think();
    }
  };
  const signIn = (client: Client, who: string) =>
    step("sign-in", who, async () => {
      const where = await client.signIn(who);
      if (where.includes("error") || where.includes("sign-in")) throw new Error(`sent to ${where}`);
    });
  /** The app's Sign Out button (a Server Action): where it sends the browser says what it ended. */
  const signOut = (client: Client, who: string, kind: Kind, expected: string) =>
    step(kind, who, async () => {
      const done = await client.action("/", "signOutAction", {});
      if (!done.location?.includes(expected)) throw new Error(`signOutAction: HTTP ${done.status}, sent to ${done.location}`);
    });

  const pagesOf = (username: string) => ["/", "/people", "/items", `/items/${items[0]}`, ...(username === "jane" ? [`/boards/${board}`] : [])];

  const plainUser = async (username: string) => {
    const name = byName.get(username)!.name;
    while (running()) {
      const client = new Client(base);
      if (await signIn(client, username)) {
        await think();
        await browse(client, username, name, pagesOf(username), false);
        await signOut(client, username, "sign-out", "/sign-in?notice=signed-out");
      }
      await think();
    }
  };

  const administrator = async (actor: string, target: string) => {
    const targetUser = byName.get(target)!;
    while (running()) {
      const client = new Client(base);
      const who = `${actor} as ${target}`;
      let started = false;
      if (await signIn(client, actor)) {
        await think();
        started = await step("impersonation start", who, async () => {
          const confirmed = await client.action("/people", "confirmImpersonationAction", { targetId: targetUser.id, reason: "Soak: checking the user's board" });
          if (![...client.jar.keys()].some((k) => k.endsWith("impersonation-request"))) throw new Error(`the confirmation was refused: HTTP ${confirmed.status} ${confirmed.text.slice(0, 200)}`);
          const where = await client.signIn(actor, DEMO_PASSWORD, "impersonation");
          if (where.includes("error") || where.includes("sign-in")) throw new Error(`the re-login sent to ${where}`);
        });
      }
      if (started) {
        impersonations.started++;
        await think();
        await browse(client, who, targetUser.name, pagesOf(target), true);
        // Ended whatever happened while browsing: every impersonation the soak starts, it ends.
        if (await signOut(client, who, "impersonation end", "/sign-in?ended=")) impersonations.ended++;
      }
      await think();
    }
  };

  // The app role's connections, each second, from the owner's own connection (not counted).
  const connections: { t: number; n: number }[] = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const { rows } = await owner.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND datname = current_database()`, [EMBEDDED_APP_ROLE.user]);
      connections.push({ t: Date.now(), n: rows[0]!.n });
      await sleep(1000);
    }
  })();
  const marker = (async () => {
    await sleep(warmupEnds - Date.now());
    await writeFile(`${options.probeFile}.mark`, "");
    options.log(`soak: warm-up over, ${options.seconds} s of soak from now`);
  })();

  options.log(`soak: ${workers} users for ${options.warmupSeconds} s of warm-up and ${options.seconds} s, ~${thinkMs} ms between requests`);
  const plain = ["jane", "sam", "lena", "nora"];
  const admins: [string, string][] = [
    ["gina", "jane"],
    ["luis", "lena"],
  ];
  await Promise.all(
    Array.from({ length: workers }, (_, i) => (i < admins.length && i < workers - 1 ? administrator(...admins[i]!) : plainUser(plain[i % plain.length]!))),
  );
  const finished = Date.now();
  await marker;
  polling = false;
  await poller;

  // From the database: each impersonation of the soak, how it ended and what it queued.
  const sessions = (
    await owner.query<{ id: string; status: string; endReason: string | null; notices: number; summaries: number }>(
      `SELECT s.id, s.status, s."endReason",
              count(*) FILTER (WHERE m.kind = 'impersonation-notice')::int AS notices,
              count(*) FILTER (WHERE m.kind = 'impersonation-summary')::int AS summaries
         FROM "ImpersonationSession" s LEFT JOIN "EmailMessage" m ON m."impersonationSessionId" = s.id
        WHERE s."startedAt" >= $1 GROUP BY s.id`,
      [soakStart],
    )
  ).rows;
  // The emails go right after each response; give the last ones a moment before reading how they went.
  let emailStatuses: Record<string, number> = {};
  for (let i = 0; i < 20; i++) {
    const { rows } = await owner.query<{ status: string; n: number }>(
      `SELECT m.status, count(*)::int AS n FROM "EmailMessage" m JOIN "ImpersonationSession" s ON s.id = m."impersonationSessionId" WHERE s."startedAt" >= $1 GROUP BY m.status`,
      [soakStart],
    );
    emailStatuses = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    if (!emailStatuses.PENDING) break;
    await sleep(500);
  }
  await owner.end();
  const endReasons: Record<string, number> = {};
  for (const s of sessions) endReasons[s.endReason ?? "none"] = (endReasons[s.endReason ?? "none"] ?? 0) + 1;
  const wrong = sessions.filter((s) => s.status !== "ENDED" || s.endReason !== "SIGN_OUT" || s.notices !== 1 || s.summaries !== 1).length;

  // Inside the server: the probe's lines of this server process.
  const probe = existsSync(options.probeFile)
    ? (await readFile(options.probeFile, "utf8"))
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as ProbeLine)
        .filter((l) => l.pid === server.child.pid)
    : [];
  if (probe.length === 0) throw new Error(`The soak probe wrote nothing to ${options.probeFile}: was it loaded (NODE_OPTIONS)?`);
  const warm = probe.filter((l) => l.sinceMark === null && l.t >= t0);
  // Up to the moment the users stopped: the idle seconds of the checks below are not the soak's.
  const after = probe.filter((l) => l.sinceMark !== null && l.t <= finished + 1000);
  const last = after.at(-1);
  const quarter = Math.max(1, Math.floor(after.length / 4));
  const peak = (lines: ProbeLine[]) => Math.max(...lines.map((l) => l.rss / MiB));
  const rss = { atWarmup: median(warm.slice(-5).map((l) => l.rss / MiB)), firstQuarter: peak(after.slice(0, quarter)), lastQuarter: peak(after.slice(-quarter)), max: peak(after), growth: 0 };
  rss.growth = rss.lastQuarter / rss.firstQuarter - 1;
  const live = (l: ProbeLine | undefined) => (l?.heapAfterGc ?? Number.NaN) / MiB;
  const heapAfterGc = { atWarmup: live(warm.at(-1)), end: live(last), growth: 0, collections: new Set(after.map((l) => l.heapAfterGc)).size - 1 };
  heapAfterGc.growth = heapAfterGc.end / heapAfterGc.atWarmup - 1;
  const connectionsAt = (t: number) => connections.reduce((n, c) => (Math.abs(c.t - t) < 1000 ? Math.max(n, c.n) : n), 0);
  const every = Math.max(1, Math.round((options.warmupSeconds + options.seconds) / 60));
  const figures: SoakFigures = {
    seconds: options.seconds,
    warmupSeconds: options.warmupSeconds,
    workers,
    thinkMs,
    requests,
    errors,
    errorCount: Object.values(errors).reduce((a, b) => a + b, 0),
    errorSamples,
    rss,
    heapAfterGc,
    connections: { max: Math.max(...connections.map((c) => c.n)), pool, samples: connections.length },
    loop: { p50: last?.sinceMark?.p50 ?? Number.NaN, p99: last?.sinceMark?.p99 ?? Number.NaN, max: last?.sinceMark?.max ?? Number.NaN, worstSecondP99: Math.max(...after.map((l) => l.loop.p99)) },
    impersonations: {
      started: impersonations.started,
      ended: impersonations.ended,
      inDatabase: sessions.length,
      endReasons,
      wrong,
      notices: sessions.reduce((n, s) => n + s.notices, 0),
      summaries: sessions.reduce((n, s) => n + s.summaries, 0),
      emailStatuses,
      ok: wrong === 0 && sessions.length === impersonations.started && impersonations.ended === impersonations.started && !emailStatuses.FAILED,
    },
    series: probe
      .filter((l) => l.t >= t0)
      .filter((_, i) => i % every === 0)
      .map((l) => ({ t: Math.round((l.t - t0) / 1000), rss: l.rss / MiB, heapUsed: l.heapUsed / MiB, heapAfterGc: (l.heapAfterGc ?? 0) / MiB, connections: connectionsAt(l.t), loopP99: l.loop.p99 })),
  };
  const total = Object.values(requests).reduce((a, b) => a + b, 0);
  options.log(
    `soak: ${total} requests (${KINDS.map((k) => `${requests[k]} ${k}`).join(", ")}), ${figures.errorCount} errors; ` +
      `RSS peaks ${rss.firstQuarter.toFixed(0)} → ${rss.lastQuarter.toFixed(0)} MiB, live heap ${heapAfterGc.atWarmup.toFixed(0)} → ${heapAfterGc.end.toFixed(0)} MiB, connections ≤ ${figures.connections.max} of ${pool}, ` +
      `loop p99 ${figures.loop.p99.toFixed(1)} ms; impersonations ${impersonations.started} started, ${impersonations.ended} ended, ${wrong} wrong`,
  );
  for (const e of errorSamples.slice(0, 5)) options.log(`soak error: ${e}`);
  return figures;
}
