// One audit-stream delivery over real HTTP (lib/streaming/http.ts): to a receiver on this machine
// when private addresses are allowed, signed so that the receiver verifies it with standardwebhooks;
// refused for every non-public address when they are not — a literal, a name that resolves to one,
// IPv4 inside IPv6 — before any connection; redirects not followed; only the first 1 KB of an
// answer kept; a receiver that does not answer given up on.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, describe, expect, it } from "vitest";
import { deliver, RESPONSE_EXCERPT_BYTES, urlProblem, vettedAddresses } from "@/lib/streaming/http";
import { newSigningSecret, signedHeaders } from "@/lib/streaming/sign";

type Seen = { headers: IncomingMessage["headers"]; body: string };
const seen: Seen[] = [];
let answer: (res: ServerResponse) => void = (res) => res.end("ok");
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    seen.push({ headers: req.headers, body });
    answer(res);
  });
});
await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
const port = (receiver.address() as AddressInfo).port;
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

const local = { allowPrivate: true, httpsOnly: false };
const strict = { allowPrivate: false, httpsOnly: false };
const body = JSON.stringify({ type: "kaizen.test", timestamp: new Date().toISOString(), data: { hello: "world" } });

describe("a delivery", () => {
  it("reaches the receiver signed: standardwebhooks verifies it", async () => {
    const secret = newSigningSecret();
    const outcome = await deliver(`http://127.0.0.1:${port}/hook`, body, signedHeaders([secret], "msg_a", new Date(), body), local);
    expect(outcome).toMatchObject({ ok: true, status: 200, excerpt: "ok", error: null });
    const got = seen.at(-1)!;
    expect(got.body).toBe(body);
    expect(new Webhook(secret).verify(got.body, got.headers as Record<string, string>)).toEqual(JSON.parse(body));
  });

  it("reaches a receiver named by a host name, connecting to an address it checked", async () => {
    const before = seen.length;
    const outcome = await deliver(`http://localhost:${port}/hook`, body, {}, local);
    expect(outcome).toMatchObject({ ok: true, status: 200 });
    expect(seen.length).toBe(before + 1);
  });

  it("does not follow a redirect, and keeps only the first 1 KB of an answer", async () => {
    answer = (res) => {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
      res.end("x".repeat(5000));
    };
    const before = seen.length;
    const outcome = await deliver(`http://127.0.0.1:${port}/hook`, body, {}, local);
    expect(outcome).toMatchObject({ ok: false, status: 302, error: "HTTP 302" });
    expect(outcome.excerpt).toHaveLength(RESPONSE_EXCERPT_BYTES);
    expect(seen.length).toBe(before + 1);
    answer = (res) => res.end("ok");
  });

  it("gives up on a receiver that does not answer", async () => {
    answer = () => undefined; // never answers
    const outcome = await deliver(`http://127.0.0.1:${port}/hook`, body, {}, local, 300);
    expect(outcome).toMatchObject({ ok: false, status: null, error: "no answer within 0.3 s" });
    answer = (res) => res.end("ok");
  });
});

describe("no server-side request forgery", () => {
  it.each([
    [`http://127.0.0.1:${port}/hook`, "loopback"],
    [`http://localhost:${port}/hook`, "loopback"],
    [`http://[::ffff:127.0.0.1]:${port}/hook`, "loopback (inside IPv6)"],
    ["http://10.0.0.5/hook", "private"],
    ["http://169.254.169.254/latest/meta-data/", "link-local (cloud metadata)"],
    ["http://[fd00:ec2::254]/", "unique local"],
    ["http://100.100.100.200/", "carrier-grade NAT"],
  ])("refuses %s (%s) before connecting", async (url, what) => {
    const before = seen.length;
    const outcome = await deliver(url, body, {}, strict);
    expect(outcome.ok).toBe(false);
    expect(outcome.status).toBeNull();
    expect(outcome.error).toContain(what);
    expect(seen.length).toBe(before);
  });

  it("checks what a name resolves to, not only the name", async () => {
    const vetted = await vettedAddresses("localhost", strict);
    expect(vetted.ok).toBe(false);
    expect(!vetted.ok && vetted.reason).toMatch(/^localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
  });

  it("takes https only in production, and no credentials in the URL", () => {
    const production = { allowPrivate: false, httpsOnly: true };
    expect(urlProblem("http://siem.example.com/hook", production)).toBe("The endpoint must be an https:// URL.");
    expect(urlProblem("https://siem.example.com/hook", production)).toBeNull();
    expect(urlProblem("https://user:pass@siem.example.com/hook", production)).toMatch(/no user name or password/);
    expect(urlProblem("ftp://siem.example.com/", strict)).toMatch(/http:\/\/ or https:\/\//);
    expect(urlProblem("not a url", strict)).toMatch(/full URL/);
  });
});
