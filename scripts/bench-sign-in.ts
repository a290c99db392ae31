// npm run bench:sign-in: does the time a sign-in takes tell anything? Medians for an unknown user, a
// wrong password, a deactivated user and a locked username (the same Argon2id work in each case:
// sign-in does not tell who exists), measured interleaved so noise falls on all four, against a
// real PostgreSQL with the real lockout. Target: the medians within 20 % of each other.
// BENCH_SIGN_IN_SAMPLES (default 40) per case.
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { verifyCredentials } from "@/lib/auth/credentials";
import { createPrismaClient } from "@/lib/db/create-client";
import { DEMO_PASSWORD, seedDemo } from "@/prisma/seed";
import { ensureDatabase, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { applyMigrations } from "./lib/migrations";
import { testDataRoot } from "./lib/paths";

const SAMPLES = Number(process.env.BENCH_SIGN_IN_SAMPLES ?? 40);
const TARGET_SPREAD = 0.2;

export type SignInTiming = { medians: Record<string, number>; spread: number; ok: boolean; samples: number };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

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
    const values = Object.values(medians);
    const spread = (Math.max(...values) - Math.min(...values)) / Math.min(...values);
    log(`\nSign-in timing — ${samples} tries per case, interleaved (Argon2id m=19 MiB, t=2, p=1; real PostgreSQL)\n`);
    for (const [name, ms] of Object.entries(medians)) log(`  ${name.padEnd(18)} median ${ms.toFixed(1).padStart(7)} ms`);
    log(`  spread (slowest − fastest) / fastest: ${(spread * 100).toFixed(1)} %   target < ${TARGET_SPREAD * 100} %   ${spread < TARGET_SPREAD ? "ok" : "SHORT"}`);
    return { medians, spread, ok: spread < TARGET_SPREAD, samples };
  } finally {
    await db.$disconnect();
    await postgres.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await benchSignIn();
  process.exit(result.ok ? 0 : 1);
}
