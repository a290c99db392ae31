// A fake Resend API on 127.0.0.1 for the real `resend` SDK (pointed at it with RESEND_BASE_URL).
// Like Resend, it answers a repeated Idempotency-Key with the first result and delivers once, and it
// can enforce Resend's rate limit (by default 2 requests per second per team: a token bucket that
// holds `perSecond` tokens and refills at `perSecond` a second), answering 429 with Retry-After as
// Resend does. The tests and the benchmark use it.
import http from "node:http";
import type { AddressInfo } from "node:net";

export type FakeResponse = { status: number; headers?: Record<string, string>; body?: unknown };
export type ReceivedRequest = { at: number; headers: http.IncomingHttpHeaders; body: Record<string, unknown> };

export async function startFakeResend() {
  const requests: ReceivedRequest[] = [];
  const delivered: Record<string, unknown>[] = [];
  const byKey = new Map<string, { status: number; body: unknown }>();
  const script: FakeResponse[] = [];
  let nextId = 1;
  let delayMs = 0;
  let limit: { perSecond: number; tokens: number; at: number } | null = null;
  let tooMany = 0;

  /** Takes a token from the bucket, or says how long until there is one. */
  function admit(now: number): number {
    if (!limit) return 0;
    limit.tokens = Math.min(limit.perSecond, limit.tokens + ((now - limit.at) / 1000) * limit.perSecond);
    limit.at = now;
    if (limit.tokens >= 1) {
      limit.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - limit.tokens) / limit.perSecond) * 1000);
  }

  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk: Buffer) => (raw += chunk.toString()));
    req.on("end", () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        const answer = () => {
          res.writeHead(status, { "content-type": "application/json", ...headers });
          res.end(JSON.stringify(body));
        };
        if (delayMs > 0) setTimeout(answer, delayMs);
        else answer();
      };
      if (req.method !== "POST" || req.url !== "/emails") return send(404, { statusCode: 404, name: "not_found", message: "Not found" });
      const body = JSON.parse(raw || "{}") as Record<string, unknown>;
      const now = Date.now();
      requests.push({ at: now, headers: req.headers, body });
      const wait = admit(now);
      if (wait > 0) {
        tooMany++;
        return send(
          429,
          { statusCode: 429, name: "rate_limit_exceeded", message: "Too many requests. You can only make 2 requests per second." },
          { "retry-after": String(Math.ceil(wait / 1000)), "ratelimit-limit": String(limit!.perSecond), "ratelimit-remaining": "0" },
        );
      }
      const key = req.headers["idempotency-key"];
      const replay = typeof key === "string" ? byKey.get(key) : undefined;
      if (replay) return send(replay.status, replay.body);
      const planned = script.shift() ?? { status: 200 };
      if (planned.status === 200) {
        const answer = { id: `fake-email-${nextId++}` };
        delivered.push(body);
        if (typeof key === "string") byKey.set(key, { status: 200, body: answer });
        return send(200, answer);
      }
      send(planned.status, planned.body ?? { statusCode: planned.status, name: "application_error", message: `HTTP ${planned.status}` }, planned.headers);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered,
    /** Every answer from now on takes this long (a slow provider). */
    setDelay(ms: number) {
      delayMs = ms;
    },
    /** The next responses, in order (then 200s). */
    respondWith(...responses: FakeResponse[]) {
      script.push(...responses);
    },
    /** Enforce Resend's rate limit from now on (null: none). */
    setRateLimit(perSecond: number | null) {
      limit = perSecond ? { perSecond, tokens: perSecond, at: Date.now() } : null;
    },
    /** How many requests were refused with 429. */
    get tooMany() {
      return tooMany;
    },
    /** The most requests received in any one calendar second (of those since `from`). */
    busiestSecond(from = 0): number {
      const perSecond = new Map<number, number>();
      for (const r of requests) if (r.at >= from) perSecond.set(Math.floor(r.at / 1000), (perSecond.get(Math.floor(r.at / 1000)) ?? 0) + 1);
      return Math.max(0, ...perSecond.values());
    },
    /** Forget what was received (not the idempotency keys). */
    reset() {
      requests.length = 0;
      delivered.length = 0;
      tooMany = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeResend = Awaited<ReturnType<typeof startFakeResend>>;
