// The Argon2 gate: at most `limit` computations at once, the rest started in the order they came.
import { describe, expect, it } from "vitest";
import { HashSlots, hashSlotLimit, hashSlots } from "@/lib/auth/hash-slots";
import { verifyPassword, hashPassword } from "@/lib/auth/password";

/** Work that finishes when the test says so, and says when it started. */
function controlled(started: number[], id: number) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { work: () => (started.push(id), done), finish: () => finish() };
}
const settled = () => new Promise((resolve) => setImmediate(resolve));
/** Runs `fn` after `ticks` microtasks. */
const afterTicks = (ticks: number, fn: () => void): void =>
  void Array.from({ length: ticks }).reduce<Promise<void>>((p) => p.then(() => undefined), Promise.resolve()).then(fn);

describe("hash slots", () => {
  it("run at most `limit` at once, and start the rest in the order they came, whenever a newcomer arrives", async () => {
    const slots = new HashSlots(2);
    const started: number[] = [];
    const submitted: number[] = [];
    const jobs = Array.from({ length: 13 }, (_, i) => controlled(started, i));
    const runs: Promise<void>[] = [];
    const submit = (i: number) => (submitted.push(i), runs.push(slots.run(jobs[i]!.work)));
    for (let i = 0; i < 5; i++) submit(i);
    await settled();
    expect(started).toEqual([0, 1]);
    expect(slots.stats()).toMatchObject({ running: 2, waiting: 3 });

    // Slots free up while newcomers arrive a few microtasks later each: none jumps the queue.
    let next = 5;
    for (const i of [1, 0, 2, 3]) {
      jobs[i]!.finish();
      for (let depth = 0; depth < 2; depth++) {
        const id = next++;
        afterTicks(depth * 3, () => submit(id));
      }
      await settled();
      expect(slots.stats().running).toBe(2);
    }
    for (let i = 4; i < jobs.length; i++) {
      jobs[i]!.finish();
      await settled();
    }
    await Promise.all(runs);
    expect(started).toEqual(submitted);
    expect(slots.stats()).toEqual({ limit: 2, running: 0, waiting: 0, highWater: 2, started: 13 });
  });

  it("free the slot when the work fails", async () => {
    const slots = new HashSlots(1);
    await expect(slots.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await slots.run(async () => "next")).toBe("next");
    expect(slots.stats()).toMatchObject({ running: 0, waiting: 0 });
  });

  it("default to the CPUs but one, leaving one of libuv's threads free; ARGON2_CONCURRENCY overrides", () => {
    expect(hashSlotLimit({}, 1)).toBe(1);
    expect(hashSlotLimit({}, 2)).toBe(1); // a core for the pages
    expect(hashSlotLimit({}, 3)).toBe(2);
    expect(hashSlotLimit({}, 16)).toBe(3); // libuv's pool has 4 threads: fs, DNS and WebCrypto need one
    expect(hashSlotLimit({ UV_THREADPOOL_SIZE: "16" }, 16)).toBe(15);
    expect(hashSlotLimit({ UV_THREADPOOL_SIZE: "1" }, 16)).toBe(1);
    expect(hashSlotLimit({ ARGON2_CONCURRENCY: "5" }, 2)).toBe(5);
    expect(() => hashSlotLimit({ ARGON2_CONCURRENCY: "0" }, 2)).toThrow(/ARGON2_CONCURRENCY/);
  });

  it("hold real Argon2id verifications to the process-wide limit", async () => {
    const slots = hashSlots();
    const hash = await hashPassword("correct horse");
    slots.resetHighWater();
    const burst = 3 * slots.limit + 2;
    const results = await Promise.all(Array.from({ length: burst }, () => verifyPassword(hash, "wrong horse")));
    expect(results.every((ok) => ok === false)).toBe(true);
    expect(slots.stats().highWater).toBe(slots.limit);
  });
});
