// Loaded into the server under soak with NODE_OPTIONS=--import (scripts/bench/soak.ts), so the app
// itself is untouched: once a second, one JSON line to BENCH_PROBE_FILE with the process's memory
// (and its heap after the last full collection) and its event loop delay — that second's, and since
// the soak's warm-up ended (when `${BENCH_PROBE_FILE}.mark` appears). Plain Node, no dependency.
import { appendFileSync, existsSync } from "node:fs";
import { constants, monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";

const file = process.env.BENCH_PROBE_FILE;
if (file) {
  const RESOLUTION_MS = 10;
  const thisSecond = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  const sinceMark = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  thisSecond.enable();
  let marked = false;
  // The heap just after the last full collection: what is still alive, garbage set aside (a leak
  // shows there; heapUsed alone rises and falls with the collector).
  let heapAfterGc = null;
  new PerformanceObserver((list) => {
    if (list.getEntries().some((e) => e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR)) heapAfterGc = process.memoryUsage().heapUsed;
  }).observe({ entryTypes: ["gc"] });
  // The histogram holds the time between the sampling timer's runs: the delay is what exceeds its interval.
  const ms = (ns) => Math.max(0, Math.round(ns / 1e4) / 100 - RESOLUTION_MS);
  const delays = (h) => ({ p50: ms(h.percentile(50)), p99: ms(h.percentile(99)), max: ms(h.max), count: h.count });
  setInterval(() => {
    if (!marked && existsSync(`${file}.mark`)) {
      marked = true;
      sinceMark.enable();
    }
    const m = process.memoryUsage();
    const line = { pid: process.pid, t: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, heapAfterGc, external: m.external, loop: delays(thisSecond), sinceMark: marked ? delays(sinceMark) : null };
    appendFileSync(file, `${JSON.stringify(line)}\n`);
    thisSecond.reset();
  }, 1000).unref();
}
