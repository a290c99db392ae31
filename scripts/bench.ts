// npm run bench: what Kaizen Hub costs, measured side by side on the production build in one run —
//   • impersonation overhead: five pages for Jane and for Gina impersonating Jane, interleaved;
//   • under load: the same pages at 4, 16 and 64 connections (autocannon), beside two ceilings;
//   • the middleware's own work per request, in a process of its own (ordinary and impersonation sessions);
//   • starting an impersonation (the re-login) next to a plain sign-in;
//   • the read paths at scale (People, Admin Timeline; 1,000,000 users, 10,000,000 events);
//   • the email outbox: 10,000 notices by 1, 2 and 4 senders, and Resend's rate limit honoured;
//   • a soak: ten minutes of mixed use on a fresh server (RSS, connections, event loop, impersonations).
// Each figure is printed with its target and "ok" or "short"; bench/results.json and
// bench/results.svg are rewritten, and the table between the bench markers of docs/development.md.
//
// Options (environment): BENCH_USERS (e.g. 1000000), BENCH_EVENTS, BENCH_REQUESTS (per page),
// BENCH_SKIP_BUILD=1 (reuse the last build), BENCH_PORT. `npm run bench -- --smoke`: tiny sizes,
// results to a temporary folder, figures never judged (npm test runs it so the script cannot rot).
// `npm run bench -- --only=overhead,middleware` runs some sections (overhead, load, start, scale,
// middleware, outbox, soak) and writes nothing. BENCH_LOAD_SECONDS, BENCH_LOAD_ROUNDS, BENCH_LOAD_CONNECTIONS (4,16,64): each load run's
// length, how many, and at which concurrencies. BENCH_SOAK_SECONDS (600),
// BENCH_SOAK_WARMUP_SECONDS (120), BENCH_SOAK_WORKERS (8): the soak.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startBenchDatabase, startBenchServer, type BenchServer } from "./bench/app";
import { renderChart, type Panel } from "./bench/chart";
import { benchLoad } from "./bench/load";
import { benchMiddlewareInChild } from "./bench/middleware";
import { benchOutbox } from "./bench/outbox";
import { benchOverhead } from "./bench/overhead";
import { benchScale } from "./bench/scale";
import { benchSoak, soakProbeEnv } from "./bench/soak";
import { benchStartCost } from "./bench/start-cost";
import { round } from "./bench/stats";
import { ensureDatabase, isPortFree } from "./lib/embedded-postgres";
import { deployMigrations } from "./lib/deploy";
import { projectRoot } from "./lib/migrations";
import { testDataRoot } from "./lib/paths";

const smoke = process.argv.includes("--smoke");
const SECTIONS = ["overhead", "load", "start", "scale", "middleware", "outbox", "soak"] as const;
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
if (only?.some((name) => !(SECTIONS as readonly string[]).includes(name))) {
  console.error(`[bench] --only takes some of: ${SECTIONS.join(", ")}`);
  process.exit(1);
}
const runs = (section: (typeof SECTIONS)[number]) => !only || only.includes(section);
const num = (name: string, full: number, tiny: number) => Number(process.env[name] ?? (smoke ? tiny : full));
const SIZES = {
  users: num("BENCH_USERS", 1_000_000, 2_000),
  events: num("BENCH_EVENTS", 10_000_000, 20_000),
  pageRequests: num("BENCH_REQUESTS", 40, 3),
  overheadRequests: num("BENCH_OVERHEAD_REQUESTS", 100, 3),
  loadSeconds: num("BENCH_LOAD_SECONDS", 5, 1),
  loadRounds: num("BENCH_LOAD_ROUNDS", 4, 1),
  loadConcurrencies: (process.env.BENCH_LOAD_CONNECTIONS ?? (smoke ? "2" : "4,16,64")).split(",").map(Number),
  warmup: smoke ? 1 : 5,
  middlewareCalls: num("BENCH_MIDDLEWARE_CALLS", 20_000, 500),
  startRuns: num("BENCH_START_RUNS", 40, 2),
  messages: num("BENCH_MESSAGES", 10_000, 200),
  burst: num("BENCH_BURST", 20, 6),
  soakSeconds: num("BENCH_SOAK_SECONDS", 600, 8),
  soakWarmupSeconds: num("BENCH_SOAK_WARMUP_SECONDS", 120, 2),
  soakWorkers: num("BENCH_SOAK_WORKERS", 8, 4),
};
const PORT = Number(process.env.BENCH_PORT ?? 3200);
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 55_600);
const log = (line: string) => console.log(`[bench] ${line}`);

const TARGETS = { overhead: 1.05, middlewareP99: 1, startRatio: 1.5, scaleP95: 100, loadRatio: 0.95, loadOfBare: 0.5, soakRssGrowth: 0.1, soakLoopP99: 50 };

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function gitCommit(): Promise<string | null> {
  return new Promise((resolve) => {
    const child = spawn("git", ["rev-parse", "--short", "HEAD"], { cwd: projectRoot });
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString()));
    child.on("error", () => resolve(null));
    child.on("exit", (code) => resolve(code === 0 ? out.trim() : null));
  });
}

const built = existsSync(path.join(projectRoot, ".next", "standalone", "server.js"));
if (process.env.BENCH_SKIP_BUILD !== "1" && !(smoke && built)) {
  log("Building the production bundle (npm run build) ...");
  if ((await run("npm", ["run", "build", "--silent"])) !== 0) process.exit(1);
}
for (const port of [PORT, PG_PORT]) {
  if (!(await isPortFree(port))) {
    console.error(`[bench] Port ${port} is in use; set BENCH_PORT / BENCH_PG_PORT.`);
    process.exit(1);
  }
}

const dir = await mkdtemp(path.join(await testDataRoot(), "bench-"));
const started = new Date();
const database = await startBenchDatabase(path.join(dir, "pg"), PG_PORT);
let server: BenchServer | undefined;
let exitCode = 0;
try {
  const pgVersion = await (async () => {
    const client = new pg.Client({ connectionString: database.ownerUrl });
    await client.connect();
    const v = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]!.server_version;
    await client.end();
    return v;
  })();
  server = await startBenchServer(database.appUrl, PORT);
  log(`Production server on ${server.base}, PostgreSQL ${pgVersion}.`);

  const overhead = runs("overhead") ? await benchOverhead(server.base, database.ownerUrl, { requests: SIZES.overheadRequests, warmup: 2 * SIZES.warmup, log }) : null;
  const load = runs("load") ? await benchLoad(server.base, database.ownerUrl, { concurrencies: SIZES.loadConcurrencies, seconds: SIZES.loadSeconds, rounds: SIZES.loadRounds, log }) : null;
  const startCost = runs("start") ? await benchStartCost(server.base, database.ownerUrl, { runs: SIZES.startRuns, log }) : null;
  const scale = runs("scale")
    ? await benchScale(server.base, database.ownerUrl, { users: SIZES.users, events: SIZES.events, requests: SIZES.pageRequests, warmup: SIZES.warmup, log })
    : null;
  await server.stop();
  server = undefined;

  // The soak on a server of its own, so its memory is the soak's alone (and measured from inside it).
  let soak = null;
  if (runs("soak")) {
    const probeFile = path.join(dir, "soak-probe.jsonl");
    server = await startBenchServer(database.appUrl, PORT, soakProbeEnv(probeFile));
    soak = await benchSoak(server.base, database.ownerUrl, server, { seconds: SIZES.soakSeconds, warmupSeconds: SIZES.soakWarmupSeconds, workers: SIZES.soakWorkers, probeFile, log });
    await server.stop();
    server = undefined;
  }

  const middleware = runs("middleware") ? await benchMiddlewareInChild({ calls: SIZES.middlewareCalls, warmup: Math.min(2_000, SIZES.middlewareCalls), log }) : null;

  let outbox = null;
  if (runs("outbox")) {
    await ensureDatabase(database.url("postgres"), "kaizen_bench_outbox");
    const outboxUrl = database.url("kaizen_bench_outbox");
    await deployMigrations(outboxUrl);
    const client = new pg.Client({ connectionString: outboxUrl });
    await client.connect();
    await client.query(`INSERT INTO "Organization" (id, name) VALUES ('bench-outbox', 'Outbox Bench') ON CONFLICT DO NOTHING`);
    await client.end();
    outbox = await benchOutbox(outboxUrl, { messages: SIZES.messages, burst: SIZES.burst, log, limiter: true });
  }

  // ─── The report ─────────────────────────────────────────────────────────────────────────────
  /** `ok` is null for a figure shown for comparison only. */
  type Line = { section: string; figure: string; value: string; target: string; ok: boolean | null };
  const lines: Line[] = [];
  const ms = (v: number) => `${v.toFixed(v < 10 ? 2 : 1)} ms`;
  if (overhead) {
    const section = "Impersonation overhead (5 pages, Jane vs Gina as Jane)";
    lines.push({ section, figure: "all requests (sum)", value: `${overhead.ratioSum.toFixed(3)}×`, target: `≤ ${TARGETS.overhead}×`, ok: overhead.ratioSum <= TARGETS.overhead });
    lines.push({ section, figure: "per-page medians", value: `${overhead.ratioMedians.toFixed(3)}×`, target: `≤ ${TARGETS.overhead}×`, ok: overhead.ratioMedians <= TARGETS.overhead });
  }
  if (load) {
    const section = `Under load (autocannon, ${load.rounds} round${load.rounds > 1 ? "s" : ""} of ${load.seconds} s or more, own and as Jane at once with half the connections each, the first started swapped each round; rates of the median round; ratios over all rounds; "of /ping": both together ÷ /ping)`;
    const rate = (r: { rps: number; p99: number }) => `${r.rps.toFixed(0)}/s p99 ${r.p99} ms`;
    for (const [c, connections] of load.concurrencies.entries()) {
      lines.push({ section, figure: `${connections} connections: ceilings`, value: load.ceilings.map((x) => `${x.label} ${rate(x.runs[c]!)}`).join(", "), target: "—", ok: null });
      for (const page of load.pages) {
        const ratio = page.ratio[c]!;
        const ofPing = page.ofPing[c]!;
        lines.push({
          section,
          figure: `${connections} connections: ${page.label} (own ${rate(page.own[c]!)}, as Jane ${rate(page.impersonating[c]!)})`,
          value: `${ratio.toFixed(2)}×, ${ofPing.toFixed(2)} of /ping`,
          target: `≥ ${TARGETS.loadRatio}×, ≥ ${TARGETS.loadOfBare}`,
          ok: ratio >= TARGETS.loadRatio && ofPing >= TARGETS.loadOfBare,
        });
      }
    }
    const errors = [...load.ceilings.flatMap((x) => x.runs), ...load.pages.flatMap((p) => [...p.own, ...p.impersonating])].reduce((sum, r) => sum + r.errors, 0);
    lines.push({ section, figure: "errors, redirects and timeouts (every run)", value: String(errors), target: "0", ok: errors === 0 });
  }
  if (middleware) {
    for (const kind of ["ordinary", "impersonation"] as const) {
      const m = middleware[kind];
      lines.push({
        section: `Middleware per request (in a process of its own; one bare WebCrypto round trip here: p50 ${ms(middleware.floor.p50)}, p99 ${ms(middleware.floor.p99)})`,
        figure: `${kind} session (p50 ${ms(m.total.p50)}, crypto ${(100 * m.cryptoShare).toFixed(0)} %, ${m.roundTrips} WebCrypto round trips)`,
        value: `p99 ${ms(m.total.p99)}`,
        target: `p99 ≤ ${TARGETS.middlewareP99} ms`,
        ok: m.total.p99 <= TARGETS.middlewareP99,
      });
    }
  }
  if (startCost) {
    lines.push({
      section: "Starting an impersonation",
      figure: `re-login vs sign-in (medians ${ms(startCost.reLogin.p50)} / ${ms(startCost.signIn.p50)})`,
      value: `${startCost.ratio.toFixed(2)}×`,
      target: `≤ ${TARGETS.startRatio}×`,
      ok: startCost.ratio <= TARGETS.startRatio,
    });
  }
  if (scale) {
    const section = `At scale (${scale.users.toLocaleString("en")} users, ${scale.administrators.toLocaleString("en")} of them administrators, ${scale.events.toLocaleString("en")} events; seeded in ${scale.seedSeconds.toFixed(0)} s)`;
    for (const page of scale.pages) {
      lines.push({ section, figure: `${page.label} (p50 ${ms(page.latency.p50)})`, value: `p95 ${ms(page.latency.p95)}`, target: `p95 < ${TARGETS.scaleP95} ms`, ok: page.latency.p95 < TARGETS.scaleP95 });
    }
  }
  if (outbox) {
    const section = "Email outbox (fake Resend API)";
    for (const t of outbox.throughput) {
      lines.push({
        section,
        figure: `${t.messages.toLocaleString("en")} notices, ${t.senders} sender${t.senders > 1 ? "s" : ""}`,
        value: `${t.perSecond.toFixed(0)}/s, ${t.lost} lost, ${t.duplicated} twice`,
        target: "none lost or twice",
        ok: t.lost === 0 && t.duplicated === 0 && t.delivered === t.messages,
      });
    }
    for (const r of outbox.rate) {
      lines.push({
        section,
        figure: `burst of ${r.messages}, ${r.senders} senders, Resend at ${r.perSecondLimit}/s, ${r.limiter ? "shared budget" : "no budget (comparison)"}`,
        value: `${r.delivered} sent, ${r.tooMany} × 429, busiest second ${r.busiestSecond}`,
        target: r.limiter ? "all sent, no 429" : "—",
        ok: r.limiter ? r.tooMany === 0 && r.delivered === r.messages : null,
      });
    }
  }
  if (soak) {
    const section = `Soak (${soak.seconds} s after ${soak.warmupSeconds} s of warm-up, ${soak.workers} users, a fresh server)`;
    const total = Object.values(soak.requests).reduce((a, b) => a + b, 0);
    const growth = (g: number) => `${g >= 0 ? "+" : ""}${(100 * g).toFixed(1)} %`;
    // No full collection before the warm-up ended (a short run): no live heap to compare.
    const live = Number.isFinite(soak.heapAfterGc.growth) ? `; live heap ${soak.heapAfterGc.atWarmup.toFixed(0)} → ${soak.heapAfterGc.end.toFixed(0)} MiB` : "";
    lines.push({ section, figure: `requests: ${Object.entries(soak.requests).map(([k, n]) => `${n} ${k}`).join(", ")}`, value: `${total}, ${soak.errorCount} errors`, target: "0 errors", ok: soak.errorCount === 0 });
    lines.push({
      section,
      figure: `RSS, peak of the first → last quarter (${soak.rss.firstQuarter.toFixed(0)} → ${soak.rss.lastQuarter.toFixed(0)} MiB${live})`,
      value: growth(soak.rss.growth),
      target: `< ${growth(TARGETS.soakRssGrowth)}`,
      ok: soak.rss.growth < TARGETS.soakRssGrowth,
    });
    lines.push({ section, figure: "database connections, most seen (the app role's, each second)", value: `${soak.connections.max} of ${soak.connections.pool}`, target: "≤ the pool", ok: soak.connections.max <= soak.connections.pool });
    lines.push({
      section,
      figure: `event loop delay in the server (p50 ${ms(soak.loop.p50)}, worst second's p99 ${ms(soak.loop.worstSecondP99)})`,
      value: `p99 ${ms(soak.loop.p99)}`,
      target: `p99 < ${TARGETS.soakLoopP99} ms`,
      ok: soak.loop.p99 < TARGETS.soakLoopP99,
    });
    const imp = soak.impersonations;
    lines.push({
      section,
      figure: `impersonations ended by sign-out, one notice and one summary each (${imp.notices} notices, ${imp.summaries} summaries)`,
      value: `${imp.started} started, ${imp.ended} ended, ${imp.wrong} wrong`,
      target: "all",
      ok: imp.ok && imp.started > 0,
    });
  }

  const machine = { platform: `${os.platform()} ${os.release()}`, cpu: os.cpus()[0]?.model.trim() ?? "unknown", cores: os.cpus().length, memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, postgres: pgVersion };
  console.log(`\nKaizen Hub benchmark — production build, ${machine.cores} cores (${machine.cpu}), Node ${process.version}, PostgreSQL ${pgVersion}${smoke ? " — SMOKE RUN (tiny sizes, figures not judged)" : ""}\n`);
  const width = Math.max(...lines.map((l) => l.figure.length));
  let section = "";
  for (const l of lines) {
    if (l.section !== section) console.log(`  ${(section = l.section)}`);
    console.log(`    ${l.figure.padEnd(width)}  ${l.value.padStart(30)}   ${l.target.padEnd(20)} ${smoke || l.ok === null ? "" : l.ok ? "ok" : "SHORT"}`);
  }
  console.log("");
  const unmeasured = lines.filter((l) => /NaN|Infinity/.test(l.value + l.figure));
  if (unmeasured.length) {
    console.error(`[bench] Not measured: ${unmeasured.map((l) => l.figure).join("; ")}`);
    exitCode = 1;
  }
  if (!smoke && lines.some((l) => l.ok === false)) exitCode = 1;
  // What is not a matter of speed holds in a smoke run too: no notice lost or sent twice.
  if (lines.some((l) => l.figure.startsWith("errors, redirects and timeouts") && l.value !== "0")) {
    console.error("[bench] Under load, a request failed or was redirected: a session did not hold.");
    exitCode = 1;
  }
  if (outbox?.throughput.some((t) => t.lost > 0 || t.duplicated > 0 || t.delivered !== t.messages)) {
    console.error("[bench] The outbox lost a notice or sent one twice.");
    exitCode = 1;
  }
  if (soak && (soak.errorCount > 0 || !soak.impersonations.ok || soak.impersonations.started === 0)) {
    console.error("[bench] Soak: a request failed, or an impersonation was not ended with its reason and one notice.");
    exitCode = 1;
  }

  if (!only && overhead && load && middleware && startCost && scale && outbox && soak) {
    const results = { date: started.toISOString(), smoke, commit: await gitCommit(), machine, sizes: SIZES, targets: TARGETS, overhead, load, middleware, startCost, scale, outbox, soak, report: lines };
    const outDir = smoke ? (process.env.BENCH_OUT ?? path.join(dir, "out")) : path.join(projectRoot, "bench");
    await mkdir(outDir, { recursive: true });
    await writeFile(path.join(outDir, "results.json"), `${JSON.stringify(results, (_, v: unknown) => (typeof v === "number" ? round(v, 3) : v), 2)}\n`);

    const blue = "#2563eb";
    const red = "#b91c1c";
    const panels: Panel[] = [
      {
        title: `Impersonation overhead — p50 per page (${overhead.ratioMedians.toFixed(3)}× on the medians, target ≤ ${TARGETS.overhead}×)`,
        unit: "ms",
        rows: overhead.pages.map((p) => ({ label: p.label, bars: [{ name: "Jane, own session", value: p.own.p50, color: blue }, { name: "Gina as Jane", value: p.impersonating.p50, color: red }] })),
      },
      (() => {
        const c = load.concurrencies.length - 1;
        const bare = load.ceilings.find((x) => x.path === "/ping")!.runs[c]!;
        return {
          title: `Under load at ${load.concurrencies[c]} connections, half each — requests per second, median round (/ping alone, the session only: ${bare.rps.toFixed(0)}/s)`,
          unit: "/s",
          rows: load.pages.map((p) => ({ label: p.label, bars: [{ name: "Jane, own session", value: p.own[c]!.rps, color: blue }, { name: "Gina as Jane", value: p.impersonating[c]!.rps, color: red }] })),
        };
      })(),
      {
        title: "Middleware per request — p50 and p99, beside one bare WebCrypto round trip",
        unit: "ms",
        target: { value: TARGETS.middlewareP99, label: `p99 target ${TARGETS.middlewareP99} ms` },
        rows: [
          ...(["ordinary", "impersonation"] as const).map((k) => ({ label: `${k} session`, bars: [{ name: "p50", value: middleware[k].total.p50, color: blue }, { name: "p99", value: middleware[k].total.p99, color: red }] })),
          { label: "one WebCrypto call", bars: [{ name: "p50", value: middleware.floor.p50, color: blue }, { name: "p99", value: middleware.floor.p99, color: red }] },
        ],
      },
      {
        title: `At scale (${scale.users.toLocaleString("en")} users, ${scale.events.toLocaleString("en")} events) — p50 and p95`,
        unit: "ms",
        target: { value: TARGETS.scaleP95, label: `p95 target ${TARGETS.scaleP95} ms` },
        rows: scale.pages.map((p) => ({ label: p.label, bars: [{ name: "p50", value: p.latency.p50, color: blue }, { name: "p95", value: p.latency.p95, color: red }] })),
      },
      {
        title: `Starting — the credentials POST, medians (re-login ${startCost.ratio.toFixed(2)}× a sign-in, target ≤ ${TARGETS.startRatio}×)`,
        unit: "ms",
        rows: [{ label: "credentials POST", bars: [{ name: "sign-in", value: startCost.signIn.p50, color: blue }, { name: "re-login (impersonation)", value: startCost.reLogin.p50, color: red }] }],
      },
      {
        title: `Email outbox — ${SIZES.messages.toLocaleString("en")} notices against the fake Resend API, none lost or sent twice`,
        unit: "/s",
        rows: outbox.throughput.map((t) => ({ label: `${t.senders} sender${t.senders > 1 ? "s" : ""}`, bars: [{ name: "messages per second", value: t.perSecond, color: blue }] })),
      },
      (() => {
        // Ten points of the soak, from the end of the warm-up: memory should level off, not climb.
        const after = soak.series.filter((p) => p.t >= soak.warmupSeconds);
        const points = [...new Set(Array.from({ length: 10 }, (_, i) => after[Math.round((i * (after.length - 1)) / 9)]).filter((p) => p !== undefined))];
        return {
          title: `Soak — server memory over ${soak.seconds} s of mixed use after the warm-up (RSS ${soak.rss.growth >= 0 ? "+" : ""}${(100 * soak.rss.growth).toFixed(1)} %, target < ${100 * TARGETS.soakRssGrowth} %)`,
          unit: "MiB",
          target: { value: soak.rss.firstQuarter * (1 + TARGETS.soakRssGrowth), label: `first quarter's peak + ${100 * TARGETS.soakRssGrowth} %` },
          rows: points.map((p) => ({ label: `${p.t} s`, bars: [{ name: "RSS", value: p.rss, color: blue }, { name: "heap alive after the last full GC", value: p.heapAfterGc, color: red }] })),
        };
      })(),
    ];
    const subtitle = `${results.date.slice(0, 10)} · ${machine.cores} cores, ${machine.cpu} · Node ${process.version} · PostgreSQL ${pgVersion} · production build${results.commit ? ` · ${results.commit}` : ""}`;
    await writeFile(path.join(outDir, "results.svg"), renderChart("Kaizen Hub — npm run bench", subtitle, panels));

    if (!smoke) {
      const tablePath = path.join(projectRoot, "docs", "development.md");
      const doc = await readFile(tablePath, "utf8");
      const begin = "<!-- bench:begin -->";
      const end = "<!-- bench:end -->";
      const rows: string[] = [];
      let current = "";
      for (const l of lines) {
        if (l.section !== current) rows.push(`| **${(current = l.section)}** | | | |`);
        rows.push(`| ${l.figure} | ${l.value} | ${l.target} | ${l.ok === null ? "" : l.ok ? "ok" : "**short**"} |`);
      }
      const table = [begin, `Last run: ${subtitle}.`, "", "![npm run bench: the figures of the last run](../bench/results.svg)", "", "| figure | measured | target | |", "|---|---|---|---|", ...rows, end].join("\n");
      if (doc.includes(begin) && doc.includes(end)) {
        await writeFile(tablePath, doc.replace(new RegExp(`${begin}[\\s\\S]*?${end}`), table));
        log("docs/development.md: the benchmark table is updated.");
      }
    }
    log(`Results: ${path.join(outDir, "results.json")} and results.svg`);
  }
} catch (error) {
  console.error(error);
  exitCode = 2;
} finally {
  await server?.stop().catch(() => undefined);
  await database.postgres.stop().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
