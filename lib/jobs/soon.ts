// The scheduled work, also run right after requests (at most every SOON_MS per instance), so that
// what the app shows is settled however rarely the cron runs — Vercel's Hobby plan allows one run
// a day. It never delays the response: Next's `after()` runs it once the response is sent.
import "server-only";
import { after } from "next/server";
import { runScheduledJobsNow } from "@/lib/jobs/background";

const SOON_MS = 30_000;
// One clock per process (every bundle of this module shares it).
const clock = ((globalThis as Record<symbol, { last: number } | undefined>)[Symbol.for("kaizen.settle-soon")] ??= { last: 0 });

export function settleSoon(): void {
  const now = Date.now();
  if (now - clock.last < SOON_MS || process.env.NEXT_PHASE === "phase-production-build") return;
  clock.last = now;
  try {
    after(() => runScheduledJobsNow());
  } catch {
    // outside a request: nothing to hook onto
  }
}
