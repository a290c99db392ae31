// The middleware's own work per request, in-process: the real middleware function (middleware.ts)
// called with NextRequests on the Web APIs the edge runtime gives it (WebCrypto, fetch's Request
// and Headers), for an ordinary session and an impersonation, each with a valid signed activity
// timestamp, so every call decodes the session (JWE), verifies the timestamp (HMAC) and signs a
// fresh one. The crypto alone (the same decode, verify and sign the middleware calls) is timed the
// same way with the same cookies: its share of the whole. The session is written by Auth.js's own
// encoder, so the middleware reads what a real sign-in writes.
//
// Each WebCrypto call is a round trip to libuv's thread pool. On a virtual machine whose other CPU
// is halted, waking a pool thread can take a millisecond or more, so the section also counts the
// round trips one call makes and times one bare round trip (an HMAC-SHA-256 of 64 bytes) the same
// way: the machine's floor beside the middleware's figures. It runs in a child process of its own
// (benchMiddlewareInChild), so nothing the rest of the bench left in memory is in its figures.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import type { JWT } from "next-auth/jwt";
import { readActivity, sessionBinding, signActivity } from "@/lib/auth/edge/activity";
import { cookieNames } from "@/lib/auth/edge/cookies";
import { decodeSession } from "@/lib/auth/edge/jwt";
import { summarize, type Summary } from "./stats";

type Kind = "ordinary" | "impersonation";
export type MiddlewareFigures = Record<Kind, { total: Summary; crypto: Summary; cryptoShare: number; roundTrips: number }> & {
  /** One bare WebCrypto round trip (HMAC-SHA-256 of 64 bytes), timed like the calls. */
  floor: Summary;
};

type Options = { calls: number; warmup: number; log: (line: string) => void };

const SUBTLE_METHODS = ["encrypt", "decrypt", "sign", "verify", "digest", "importKey", "exportKey", "deriveBits", "deriveKey"] as const;

/** What `work` returns, and how many WebCrypto calls it made. */
async function countRoundTrips<T>(work: () => Promise<T>): Promise<[T, number]> {
  const subtle = globalThis.crypto.subtle as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  let count = 0;
  for (const name of SUBTLE_METHODS) {
    const original = subtle[name]!.bind(subtle);
    Object.defineProperty(subtle, name, { configurable: true, value: (...args: unknown[]) => (count++, original(...args)) });
  }
  try {
    return [await work(), count];
  } finally {
    for (const name of SUBTLE_METHODS) delete subtle[name];
  }
}

async function timeFloor(options: Options): Promise<Summary> {
  const key = await crypto.subtle.importKey("raw", randomBytes(32), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const data = randomBytes(64);
  const samples: number[] = [];
  for (let i = 0; i < options.warmup + options.calls; i++) {
    const t0 = performance.now();
    await crypto.subtle.sign("HMAC", key, data);
    if (i >= options.warmup) samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

export async function benchMiddleware(options: Options): Promise<MiddlewareFigures> {
  const secret = randomBytes(33).toString("base64");
  process.env.AUTH_SECRET = secret;
  const { default: middleware } = await import("@/middleware");
  const names = cookieNames(false);
  const now = Math.floor(Date.now() / 1000);
  const base: JWT = { sub: "user-jane", name: "Jane Doe", email: "jane@acme.test", username: "jane", organizationId: "org-acme", signedInAt: now, sid: "sid-1" };
  const tokens: Record<"ordinary" | "impersonation", JWT> = {
    ordinary: base,
    impersonation: {
      ...base,
      sid: "sid-2",
      actor: { id: "user-gina", name: "Gina Global", username: "gina" },
      impersonation: { id: "imp-1", startedAt: new Date().toISOString(), absoluteExpiresAt: new Date(Date.now() + 3600_000).toISOString(), idleTimeoutSeconds: 300 },
    },
  };
  const figures = {} as MiddlewareFigures;
  for (const kind of ["ordinary", "impersonation"] as Kind[]) {
    const token = tokens[kind];
    const session = await encode({ token, secret, salt: names.session, maxAge: 43_200 });
    const activity = await signActivity(secret, sessionBinding(token), now);
    const cookie = `${names.session}=${session}; ${names.activity}=${activity}`;
    const request = () => new NextRequest("http://127.0.0.1:3000/items", { headers: { cookie, "sec-fetch-site": "same-origin", accept: "text/html" } });

    // Sanity: the call passes and re-signs the activity (it did the work we mean to time).
    const check = await middleware(request());
    if (check.status !== 200 || !check.headers.get("set-cookie")?.includes(names.activity)) {
      throw new Error(`middleware (${kind}): expected a pass with a fresh activity cookie, got HTTP ${check.status}`);
    }

    // The steady state's round trips: the first call derived and imported the keys, once.
    const [, roundTrips] = await countRoundTrips(() => middleware(request()));

    const total: number[] = [];
    for (let i = 0; i < options.warmup + options.calls; i++) {
      const req = request();
      const t0 = performance.now();
      await middleware(req);
      if (i >= options.warmup) total.push(performance.now() - t0);
    }
    const crypto: number[] = [];
    for (let i = 0; i < options.warmup + options.calls; i++) {
      const t0 = performance.now();
      const decoded = await decodeSession({ token: session, secret, salt: names.session });
      await readActivity(secret, sessionBinding(decoded!), activity);
      await signActivity(secret, sessionBinding(decoded!), now);
      if (i >= options.warmup) crypto.push(performance.now() - t0);
    }
    const t = summarize(total);
    const c = summarize(crypto);
    figures[kind] = { total: t, crypto: c, cryptoShare: c.mean / t.mean, roundTrips };
    options.log(`middleware (${kind}): p50 ${t.p50.toFixed(3)} ms, p99 ${t.p99.toFixed(3)} ms over ${options.calls.toLocaleString()} calls; crypto ${(100 * figures[kind].cryptoShare).toFixed(0)} %, ${roundTrips} WebCrypto calls each`);
  }
  figures.floor = await timeFloor(options);
  options.log(`one bare WebCrypto round trip: p50 ${figures.floor.p50.toFixed(3)} ms, p99 ${figures.floor.p99.toFixed(3)} ms`);
  return figures;
}

const CHILD = fileURLToPath(new URL("./middleware-child.ts", import.meta.url));

/** benchMiddleware in a fresh Node process (the same loader flags as this one): its figures, its log lines passed on. */
export function benchMiddlewareInChild(options: Options): Promise<MiddlewareFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, CHILD, String(options.calls), String(options.warmup)], {
      cwd: path.dirname(CHILD),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const lines = err.split("\n");
      err = lines.pop()!;
      for (const line of lines) if (line) options.log(line);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (err) options.log(err);
      if (code !== 0) return reject(new Error(`the middleware bench's process exited with ${code}`));
      try {
        resolve(JSON.parse(out) as MiddlewareFigures);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
