// The middleware's own work per request, in-process: the real middleware function (middleware.ts)
// called with NextRequests on the Web APIs the edge runtime gives it (WebCrypto, fetch's Request
// and Headers), for an ordinary session and an impersonation, each with a valid signed activity
// timestamp, so every call decodes the session (JWE), verifies the timestamp (HMAC) and signs a
// fresh one. The crypto alone (the same decode, verify and sign the middleware calls) is timed the
// same way with the same cookies: its share of the whole. The session is written by Auth.js's own
// encoder, so the middleware reads what a real sign-in writes.
import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import type { JWT } from "next-auth/jwt";
import { readActivity, sessionBinding, signActivity } from "@/lib/auth/edge/activity";
import { cookieNames } from "@/lib/auth/edge/cookies";
import { decodeSession } from "@/lib/auth/edge/jwt";
import { summarize, type Summary } from "./stats";

export type MiddlewareFigures = Record<"ordinary" | "impersonation", { total: Summary; crypto: Summary; cryptoShare: number }>;

export async function benchMiddleware(options: { calls: number; warmup: number; log: (line: string) => void }): Promise<MiddlewareFigures> {
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
  for (const kind of ["ordinary", "impersonation"] as const) {
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
    figures[kind] = { total: t, crypto: c, cryptoShare: c.mean / t.mean };
    options.log(`middleware (${kind}): p50 ${t.p50.toFixed(3)} ms, p99 ${t.p99.toFixed(3)} ms over ${options.calls.toLocaleString()} calls; crypto ${(100 * figures[kind].cryptoShare).toFixed(0)} %`);
  }
  return figures;
}
