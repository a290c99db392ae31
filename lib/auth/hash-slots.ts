// At most N Argon2id computations at once in this process; the rest wait their turn, first come,
// first served. A burst of sign-ins then queues for the slots instead of taking every core, and
// leaves libuv's threadpool (where @node-rs/argon2 runs, 4 threads by default) a thread free for what
// pages need from it: reading files, DNS lookups, and WebCrypto (the session token's decryption).
// Without the limit, 200 sign-ins put 200 hashes in that pool's queue and every page waits behind them.
import os from "node:os";
import { argon2Concurrency } from "@/lib/env";

export type HashSlotStats = {
  limit: number;
  running: number;
  waiting: number;
  /** The most that ever ran at once (since resetHighWater). */
  highWater: number;
  /** How many computations have started: refused sign-ins must not add to it. */
  started: number;
};

export class HashSlots {
  private running = 0;
  private highWater = 0;
  private started = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    // A freed slot is handed straight to the longest waiter (running stays as it is), so one that
    // arrives later can never take it first.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.started++;
    this.highWater = Math.max(this.highWater, this.running);
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  stats(): HashSlotStats {
    return { limit: this.limit, running: this.running, waiting: this.waiting.length, highWater: this.highWater, started: this.started };
  }

  resetHighWater(): void {
    this.highWater = this.running;
  }
}

/**
 * ARGON2_CONCURRENCY, or by default one per CPU but one: a core stays free for the event loop that
 * serves every page (`npm run bench:sign-in` on 2 cores, a burst of 200 wrong sign-ins: page p95
 * 55-72 ms with 1 slot, 0.6-1.5 s with 2). Never every thread of libuv's pool (UV_THREADPOOL_SIZE,
 * 4 unless set): one stays free for the rest of the server. At least 1.
 */
export function hashSlotLimit(source: Record<string, string | undefined> = process.env, cpus = os.availableParallelism()): number {
  const threads = Number(source.UV_THREADPOOL_SIZE) || 4;
  return argon2Concurrency(source) ?? Math.max(1, Math.min(cpus - 1, threads - 1));
}

// One set of slots per process, on globalThis: Next bundles the sign-in route and the Server
// Actions separately, each with its own copy of this module.
const key = Symbol.for("kaizen.hash-slots");

export function hashSlots(): HashSlots {
  const store = globalThis as Record<symbol, HashSlots | undefined>;
  return (store[key] ??= new HashSlots(hashSlotLimit()));
}
