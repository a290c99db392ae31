// The app's background work — draining the outbox, the scheduled jobs — run against the app's
// database with the transport the environment chooses, and tracked: on shutdown no new work
// starts, the message being sent finishes, the rest are released for another instance, and nothing
// is cut off half-way.
import "server-only";
import { db } from "@/lib/db";
import { drainOutbox } from "@/lib/email/outbox";
import { transportFromEnv } from "@/lib/email/transport";
import { env, sendBudgetOf } from "@/lib/env";
import { runScheduledJobs } from "./scheduled";

// Kept on globalThis: Next bundles instrumentation.ts (which stops the work on SIGTERM) apart from
// the routes (which start it), each with its own copy of this module.
type State = { running: Set<Promise<unknown>>; stopping: boolean };
const state = ((globalThis as Record<symbol, State | undefined>)[Symbol.for("kaizen.background")] ??= { running: new Set(), stopping: false });
const { running } = state;

/** Runs `work` as tracked background work (not after shutdown has begun). */
function track<T>(work: () => Promise<T>): Promise<T | null> {
  if (state.stopping) return Promise.resolve(null);
  const promise = work().catch((error: unknown) => {
    console.error("[background]", error instanceof Error ? error.message : error);
    return null;
  });
  running.add(promise);
  void promise.finally(() => running.delete(promise));
  return promise;
}

const shouldStop = () => state.stopping;

export function drainOutboxNow() {
  return track(() => drainOutbox(db, transportFromEnv(env()), { shouldStop, rate: sendBudgetOf(env()) }));
}

/** The scheduled work (sweep and outbox), tracked like any drain. */
export function runScheduledJobsNow() {
  return track(() => runScheduledJobs(db, env(), new Date(), { shouldStop }));
}

/** Shutdown: no new work; running drains finish their current message and release the rest. */
export async function stopBackgroundWork(): Promise<void> {
  state.stopping = true;
  await Promise.all(running);
}
