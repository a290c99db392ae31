// The one scheduler: the writes that catch up with time — ending the impersonations that have run
// out or are no longer allowed (with their summary emails), recording the access grants and
// requests that ran out (consent before access), sending the audit streams' messages, and draining
// the email outbox. Reads
// never write, nor start anything that does: they show what is over as over
// (lib/impersonation/lifecycle.ts). Started by:
//   - the Node server's timer (instrumentation-node.ts: startScheduler), every minute by default;
//   - the cron route (app/api/cron/sweep: Vercel Cron, or anything that can call a URL);
//   - after() of an impersonation's own request that found it over (catchUpSoon, from auth.ts),
//     at most every CATCH_UP_MS;
//   - after a change that queued email (drainOutboxNow), and after every change (drainAuditStreamsNow,
//     from lib/server-action.ts: what it recorded reaches the audit streams as it happens).
// All of it is tracked: on shutdown no new work starts, the message being sent finishes, the rest
// are released for another instance, and nothing is cut off half-way.
import "server-only";
import { after } from "next/server";
import { db } from "@/lib/db";
import { recordConsentExpiries } from "@/lib/consent/expire";
import { drainOutbox } from "@/lib/email/outbox";
import { transportFromEnv } from "@/lib/email/transport";
import { env, sendBudgetOf, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { endWhatIsOver } from "@/lib/impersonation/end";
import { drainAuditStreams, streamRules } from "@/lib/streaming/outbox";

type Config = Pick<Env, "APP_NAME" | "RESEND_API_KEY" | "EMAIL_FROM" | "EMAIL_TRANSPORT" | "RESEND_MAX_PER_SECOND"> & Partial<Pick<Env, "NODE_ENV" | "AUDIT_STREAM_ALLOW_PRIVATE">>;

/** The catch-up itself, over any database: end what is over, then send what is queued. */
export async function runScheduledJobs(db: PrismaClient, config: Config, now = new Date(), options: { shouldStop?: () => boolean } = {}) {
  const endedImpersonations = await endWhatIsOver(db, config, now);
  const consent = await recordConsentExpiries(db, now);
  // Audit streams before email: an email queued by a disabled stream goes out in this same run.
  const auditStreams = await drainAuditStreams(db, { rules: streamRules(config), appName: config.APP_NAME, shouldStop: options.shouldStop });
  const email = await drainOutbox(db, transportFromEnv(config), { now, shouldStop: options.shouldStop, rate: sendBudgetOf(config) });
  return { endedImpersonations, consent, auditStreams, email };
}

// Kept on globalThis: Next bundles instrumentation-node.ts (which starts and stops the timer) apart from
// the routes (which ask for catch-ups), each with its own copy of this module.
type State = { running: Set<Promise<unknown>>; stopping: boolean; lastCatchUp: number; timers: NodeJS.Timeout[] };
const state = ((globalThis as Record<symbol, State | undefined>)[Symbol.for("kaizen.scheduler")] ??= {
  running: new Set(),
  stopping: false,
  lastCatchUp: 0,
  timers: [],
});

/** Runs `work` as tracked background work (not after shutdown has begun). */
function track<T>(work: () => Promise<T>): Promise<T | null> {
  if (state.stopping) return Promise.resolve(null);
  const promise = work().catch((error: unknown) => {
    console.error("[scheduler]", error instanceof Error ? error.message : error);
    return null;
  });
  state.running.add(promise);
  void promise.finally(() => state.running.delete(promise));
  return promise;
}

const shouldStop = () => state.stopping;

/** Sends what a change just queued (after its response). */
export function drainOutboxNow() {
  return track(() => drainOutbox(db, transportFromEnv(env()), { shouldStop, rate: sendBudgetOf(env()) }));
}

/** Sends what the audit streams have waiting (after a change's response: streamed as it happens). */
export function drainAuditStreamsNow() {
  return track(() => drainAuditStreams(db, { rules: streamRules(env()), appName: env().APP_NAME, shouldStop }));
}

/** The whole catch-up, now (the timer and the cron route). */
export function runScheduledJobsNow() {
  state.lastCatchUp = Date.now();
  return track(() => runScheduledJobs(db, env(), new Date(), { shouldStop }));
}

/** The most often requests that saw something due start a catch-up, per instance. */
const CATCH_UP_MS = 30_000;

/**
 * For a request that saw something due (its own impersonation over, not recorded as over): the
 * catch-up runs after its response, unless one ran in the last CATCH_UP_MS. So ends and their
 * summary emails go out however rarely the cron runs (Vercel's Hobby plan allows one a day).
 */
export function catchUpSoon(): void {
  if (Date.now() - state.lastCatchUp < CATCH_UP_MS || process.env.NEXT_PHASE === "phase-production-build") return;
  state.lastCatchUp = Date.now();
  try {
    after(() => runScheduledJobsNow());
  } catch {
    // outside a request (a test's read, a script): nothing to hook onto, and reads start no work
  }
}

/** The Node server's timer: shortly after start, then every SCHEDULER_INTERVAL_SECONDS (0: none). */
export function startScheduler(): void {
  const seconds = env().SCHEDULER_INTERVAL_SECONDS;
  if (seconds === 0) return;
  const first = setTimeout(() => void runScheduledJobsNow(), Math.min(5, seconds) * 1000);
  const every = setInterval(() => void runScheduledJobsNow(), seconds * 1000);
  first.unref();
  every.unref();
  state.timers.push(first, every);
}

/** Shutdown: no new work; running drains finish their current message and release the rest. */
export async function stopBackgroundWork(): Promise<void> {
  state.stopping = true;
  for (const timer of state.timers) clearTimeout(timer);
  await Promise.all(state.running);
}
