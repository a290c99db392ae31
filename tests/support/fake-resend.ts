// A fake Resend API on 127.0.0.1 for the real `resend` SDK (pointed at it with RESEND_BASE_URL).
// Like Resend, it answers a repeated Idempotency-Key with the first result and delivers once.
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
      requests.push({ at: Date.now(), headers: req.headers, body });
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
