// npm run bench:sign-in: what signing in costs the server, and whether its time tells anything.
//
// 1. Timing, in-process against a real PostgreSQL with the real lockout: medians for an unknown
//    user, a wrong password and a deactivated user (one Argon2id each: sign-in does not tell who
//    exists; target: within 20 % of each other), measured interleaved so noise falls on all, and
//    for a locked username beside them (refused without hashing: its answer differs anyway).
// 2. Load, on the production build served as `npm start` serves it: the p95 of pages a signed-in
//    user opens (`/` and `/people`, one after another) at rest, then during a burst of wrong
//    sign-ins posted all at once through the sign-in form's Server Action, each from its own
//    address and for its own unknown username (so each is checked, none refused early).
//
// Options (environment): BENCH_SIGN_IN_SAMPLES (40 per case), BENCH_SIGN_IN_BURST (200),
// BENCH_SIGN_IN_ROUNDS (3 bursts), BENCH_PAGE_REQUESTS (40 at rest), BENCH_ARGON2 (ARGON2_CONCURRENCY values to compare, e.g.
// "default,1,4,64"; default: the server's own), BENCH_SKIP_BUILD=1 (reuse the last build),
// BENCH_PORT (3290), BENCH_ONLY=timing|load.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { verifyCredentials } from "@/lib/auth/credentials";
import { hashSlotLimit } from "@/lib/auth/hash-slots";
import { INVALID_CREDENTIALS, LOCKED_OUT, SIGN_IN_FAILED, THROTTLED } from "@/lib/auth/messages";
import { createPrismaClient } from "@/lib/db/create-client";
import { DEMO_PASSWORD, seedDemo } from "@/prisma/seed";
import { startBenchDatabase, startBenchServer } from "./bench/app";
import { summarize, type Summary } from "./bench/stats";
import { ensureDatabase, isPortFree, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { Client } from "./lib/http-client";
import { applyMigrations, projectRoot } from "./lib/migrations";
import { testDataRoot } from "./lib/paths";

const SAMPLES = Number(process.env.BENCH_SIGN_IN_SAMPLES ?? 40);
const BURST = Number(process.env.BENCH_SIGN_IN_BURST ?? 200);
const PAGE_REQUESTS = Number(process.env.BENCH_PAGE_REQUESTS ?? 40);
const ROUNDS = Number(process.env.BENCH_SIGN_IN_ROUNDS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 3290);
const TARGET_SPREAD = 0.2;
/** The three answers that must not tell who exists; the locked username is shown beside them. */
const ALIKE = ["unknown user", "wrong password", "deactivated user"];

export type SignInTiming = { medians: Record<string, number>; spread: number; ok: boolean; samples: number };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;

export async function benchSignIn(samples = SAMPLES, log: (line: string) => void = console.log): Promise<SignInTiming> {
  const dir = await mkdtemp(path.join(await testDataRoot(), "bench-sign-in-"));
  const postgres = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: 55_650, ephemeral: true });
  const db = createPrismaClient(postgres.url("bench_sign_in"), { max: 4 });
  try {
    await ensureDatabase(postgres.url("postgres"), "bench_sign_in");
    await applyMigrations(postgres.url("bench_sign_in"));
    await seedDemo(db);
    // Lock one username for the "locked" case.
    for (let i = 0; i < 10; i++) await verifyCredentials(db, { username: "lena", password: `guess-${i}` }, { ip: `192.0.2.${i}`, sleep: async () => {} });

    const cases: Record<string, { username: string; password: string; expect: string }> = {
      "unknown user": { username: "nobody-at-all", password: DEMO_PASSWORD, expect: "invalid" },
      "wrong password": { username: "jane", password: "not-the-password", expect: "invalid" },
      "deactivated user": { username: "dora", password: DEMO_PASSWORD, expect: "invalid" },
      "locked username": { username: "lena", password: DEMO_PASSWORD, expect: "locked" },
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
    // Warm up Argon2 and the connection pool.
    for (const c of Object.values(cases)) await verifyCredentials(db, c, { ip: "198.51.100.250" });
    for (let i = 0; i < samples; i++) {
      for (const [name, c] of Object.entries(cases)) {
        // Each try from its own address (no per-client slow-down), and the username's failures cleared
        // but for the locked one, so the other three never lock.
        if (name !== "locked username") await db.signInAttempt.deleteMany({ where: { username: c.username } });
        const t0 = performance.now();
        const result = await verifyCredentials(db, c, { ip: `10.${i % 250}.${Object.keys(cases).indexOf(name)}.1` });
        times[name]!.push(performance.now() - t0);
        if (result.ok || result.reason !== c.expect) throw new Error(`${name}: expected ${c.expect}, got ${JSON.stringify(result)}`);
      }
    }
    const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
    const alike = ALIKE.map((name) => medians[name]!);
    const spread = (Math.max(...alike) - Math.min(...alike)) / Math.min(...alike);
    log(`\nSign-in timing — ${samples} tries per case, interleaved (Argon2id m=19 MiB, t=2, p=1; real PostgreSQL)\n`);
    for (const [name, value] of Object.entries(medians)) log(`  ${name.padEnd(18)} median ${ms(value)}${name === "locked username" ? "   (refused: its answer differs)" : ""}`);
    log(`  spread of the three alike (slowest − fastest) / fastest: ${(spread * 100).toFixed(1)} %   target < ${TARGET_SPREAD * 100} %   ${spread < TARGET_SPREAD ? "ok" : "SHORT"}`);
    return { medians, spread, ok: spread < TARGET_SPREAD, samples };
  } finally {
    await db.$disconnect();
    await postgres.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

export type BurstFigures = { argon2: string; rest: Summary; burst: Summary; burstSeconds: number; signIns: Summary; answers: Record<string, number> };

/** What the wrong sign-in's Server Action answered, in a word. */
function answerOf(status: number, text: string): string {
  if (text.includes(INVALID_CREDENTIALS)) return "incorrect";
  if (text.includes(THROTTLED)) return "throttled";
  if (text.includes(LOCKED_OUT)) return "locked";
  if (text.includes(SIGN_IN_FAILED)) return "failed (server busy)";
  return `other (HTTP ${status})`;
}

/** Page p95 at rest and during a burst of wrong sign-ins, on a fresh server with ARGON2_CONCURRENCY = `argon2` (or its default). */
async function benchBurst(appUrl: string, argon2: string | undefined, log: (line: string) => void): Promise<BurstFigures> {
  // TRUSTED_PROXIES=1: the benchmark is the proxy, and each sign-in's X-Forwarded-For its own client.
  const server = await startBenchServer(appUrl, PORT, { TRUSTED_PROXIES: "1", ...(argon2 ? { ARGON2_CONCURRENCY: argon2 } : {}) });
  try {
    const jane = new Client(server.base);
    if ((await jane.signIn("jane")).includes("error")) throw new Error("jane could not sign in");
    const pages = ["/", "/people"];
    const open = async (i: number) => {
      const t0 = performance.now();
      const { status } = await jane.page(pages[i % pages.length]!);
      if (status !== 200) throw new Error(`${pages[i % pages.length]} answered ${status}`);
      return performance.now() - t0;
    };
    for (let i = 0; i < 10; i++) await open(i); // warm-up

    const rest: number[] = [];
    for (let i = 0; i < PAGE_REQUESTS; i++) rest.push(await open(i));

    // ROUNDS bursts, a few seconds apart, their page times pooled: one burst gives few samples.
    const signIns: number[] = [];
    const answers: Record<string, number> = {};
    const during: number[] = [];
    let burstSeconds = 0;
    for (let round = 0; round < ROUNDS; round++) {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const run = `${Date.now()}`;
      const t0 = performance.now();
      let finished = false;
      const burst = Promise.all(
        Array.from({ length: BURST }, async (_, i) => {
          const client = new Client(server.base, { "x-forwarded-for": `10.${round}.${(i >> 8) & 255}.${i & 255}` });
          const started = performance.now();
          const { status, text } = await client.action("/sign-in", "signInAction", { username: `nobody-${run}-${i}`, password: "wrong-password" });
          signIns.push(performance.now() - started);
          const answer = answerOf(status, text);
          answers[answer] = (answers[answer] ?? 0) + 1;
        }),
      ).finally(() => (finished = true));
      // Pages one after another for as long as the burst lasts (bounded: at most 5,000 or 5 minutes).
      for (let i = 0; !finished && i < 5_000 && performance.now() - t0 < 300_000; i++) during.push(await open(i));
      await burst;
      burstSeconds += (performance.now() - t0) / 1000 / ROUNDS;
    }
    const figures = { argon2: argon2 ?? `default (${hashSlotLimit()})`, rest: summarize(rest), burst: summarize(during), burstSeconds, signIns: summarize(signIns), answers };
    log(`\nPages during a burst of ${BURST} wrong sign-ins (${ROUNDS} bursts) — production build, ARGON2_CONCURRENCY ${figures.argon2}\n`);
    log(`  page at rest          p50 ${ms(figures.rest.p50)}   p95 ${ms(figures.rest.p95)}   (${figures.rest.n} requests: / and /people)`);
    log(`  page during the burst p50 ${ms(figures.burst.p50)}   p95 ${ms(figures.burst.p95)}   max ${ms(figures.burst.max)}   (${figures.burst.n} requests)`);
    log(`  p95 during / at rest  ${(figures.burst.p95 / figures.rest.p95).toFixed(1)}×`);
    log(`  a burst lasted        ${figures.burstSeconds.toFixed(1)} s; each sign-in answered in p50 ${ms(figures.signIns.p50)}   p95 ${ms(figures.signIns.p95)}`);
    log(`  answers               ${Object.entries(answers).map(([k, v]) => `${v} ${k}`).join(", ")}`);
    return figures;
  } finally {
    await server.stop();
  }
}

function build(): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn("npm", ["run", "build", "--silent"], { cwd: projectRoot, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: "inherit" });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

async function benchLoad(log: (line: string) => void): Promise<BurstFigures[]> {
  const built = existsSync(path.join(projectRoot, ".next", "standalone", "server.js"));
  if (process.env.BENCH_SKIP_BUILD !== "1" || !built) {
    log("Building the production bundle (npm run build) ...");
    if ((await build()) !== 0) throw new Error("the build failed");
  }
  if (!(await isPortFree(PORT))) throw new Error(`Port ${PORT} is in use; set BENCH_PORT.`);
  const dir = await mkdtemp(path.join(await testDataRoot(), "bench-sign-in-load-"));
  const database = await startBenchDatabase(path.join(dir, "pg"), 55_660);
  try {
    const settings = (process.env.BENCH_ARGON2 ?? "default").split(",").map((v) => (v.trim() === "default" ? undefined : v.trim()));
    const figures: BurstFigures[] = [];
    for (const argon2 of settings) figures.push(await benchBurst(database.appUrl, argon2, log));
    return figures;
  } finally {
    await database.postgres.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.env.BENCH_ONLY;
  const timing = only === "load" ? null : await benchSignIn();
  if (only !== "timing") await benchLoad(console.log);
  process.exit(timing && !timing.ok ? 1 : 0);
}
