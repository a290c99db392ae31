// Audit streaming against the real database and a real receiver on 127.0.0.1: every delivery
// verifies with the standardwebhooks package; a receiver that is down for a while gets everything,
// in order, once it recovers (deduplicated by webhook-id, nothing missing); two senders at once
// deliver one stream without reordering; an endpoint failing for 24 hours is disabled and the Global
// administrators emailed; rotation signs with both secrets; a private address is refused at save;
// only Global User Administrators manage it; the secret is never in the history nor in a log.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { AppConfig } from "@/lib/context/create";
import { createPrismaClient } from "@/lib/db/create-client";
import { changeItemStatus } from "@/lib/items/mutations";
import { FIX_FIELDS } from "@/lib/mutation";
import { createAuditEndpoint, deleteAuditEndpoint, NOT_FOUND, rotateAuditSecret, sendAuditTestEvent, setAuditEndpointStatus } from "@/lib/streaming/mutations";
import { drainAuditStreams, FAILING_DISABLES_AFTER_MS } from "@/lib/streaming/outbox";
import { contextFor, refusalOf, TEST_CONFIG } from "../support/context";
import { createTestDatabase } from "../support/database";
import { impersonate } from "../support/impersonation";

type Got = { id: string; type: string; body: string; headers: Record<string, string> };
const got: Got[] = [];
let status = 200;
const receiver = createServer((req: IncomingMessage, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    if (status === 200) got.push({ id: String(req.headers["webhook-id"]), type: JSON.parse(body).type as string, body, headers: req.headers as Record<string, string> });
    res.writeHead(status).end(status === 200 ? "thanks" : "down for maintenance");
  });
});
await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/kaizen`;
afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

const LOCAL: AppConfig = { ...TEST_CONFIG, AUDIT_STREAM_ALLOW_PRIVATE: "1" };
const rules = { allowPrivate: true, httpsOnly: false };
const drain = (db: Parameters<typeof drainAuditStreams>[0], now = new Date()) => drainAuditStreams(db, { rules, appName: "Kaizen Hub", now: () => now });

const { db, appUrl } = await createTestDatabase("demo");
const item = await db.item.findFirstOrThrow({ where: { location: { name: "ICU" } }, select: { id: true } });
const as = (username: string) => contextFor(db, username, { config: LOCAL });

/** Moves the ICU Item to another status as `username` (a real change, recorded and streamed). */
async function change(username: string) {
  const { status: now } = await db.item.findUniqueOrThrow({ where: { id: item.id } });
  await changeItemStatus(await as(username), { itemId: item.id, status: now === "DONE" ? "NEW" : "DONE" });
}

/** What the receiver kept, checked: each verifies with `secret`, no webhook-id twice after dedup. */
function verified(secret: string) {
  const wh = new Webhook(secret);
  for (const g of got) expect(wh.verify(g.body, g.headers)).toBeTruthy();
  return [...new Map(got.map((g) => [g.id, g])).values()];
}

beforeEach(async () => {
  got.length = 0;
  status = 200;
  await db.auditStreamEndpoint.deleteMany();
});

describe("an endpoint's stream", () => {
  it("is signed per Standard Webhooks, carries impersonations and what is done during them, and the secret is never recorded or logged", async () => {
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error"] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args) => void logged.push(args.join(" "))));
    try {
      const { secret } = await createAuditEndpoint(await as("gina"), { url, scope: "IMPERSONATIONS" });
      expect(secret).toMatch(/^whsec_/);
      const { ctx } = await impersonate(db, "gina", "jane");
      const { status: was } = await db.item.findUniqueOrThrow({ where: { id: item.id } });
      await changeItemStatus(ctx, { itemId: item.id, status: was === "DONE" ? "NEW" : "DONE" });
      await change("jane"); // Jane's own change: not an impersonation's, not on this stream
      await drain(db);
      const types = verified(secret).map((g) => g.type);
      expect(types).toEqual(["kaizen.impersonation.requested", "kaizen.impersonation.started", "kaizen.item.status_changed"]);
      const during = JSON.parse(got[2]!.body) as { data: { effectiveUserId: string; actorId: string; impersonationId: string } };
      const ids = Object.fromEntries((await db.user.findMany({ where: { username: { in: ["gina", "jane"] } } })).map((u) => [u.username, u.id]));
      expect(during.data).toMatchObject({ effectiveUserId: ids.jane, actorId: ids.gina, impersonationId: ctx.impersonation!.id });
      // Never in the history, never in a log.
      const history = JSON.stringify(await db.timelineEvent.findMany({ select: { details: true } }));
      expect(history).not.toContain(secret.slice(6));
      expect(logged.join("\n")).not.toContain(secret.slice(6));
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("reaches a receiver that was down for a while: everything, in order, once it recovers", async () => {
    const { secret } = await createAuditEndpoint(await as("gina"), { url, scope: "ADMIN_TIMELINE" });
    status = 503;
    let now = Date.now();
    for (let i = 0; i < 5; i++) await sendAuditTestEvent(await as("gina"), { endpointId: (await db.auditStreamEndpoint.findFirstOrThrow()).id });
    // Down: each run tries the head only (nothing overtakes it), then waits out its backoff.
    for (let run = 0; run < 4; run++) {
      await drain(db, new Date(now));
      now += 61 * 60_000;
    }
    // The stream: the endpoint's own "added" event (recorded as it was created), then the five tests.
    const head = await db.auditDelivery.findFirstOrThrow({ orderBy: { sequence: "asc" }, select: { attempts: true, type: true } });
    expect(head).toEqual({ attempts: 4, type: "kaizen.stream.endpoint_added" });
    expect(await db.auditDelivery.count({ where: { attempts: 0 } })).toBe(5);
    status = 200;
    await drain(db, new Date(now));
    const delivered = verified(secret);
    const expected = (await db.auditDelivery.findMany({ orderBy: { sequence: "asc" }, select: { messageId: true } })).map((d) => d.messageId);
    expect(delivered.map((g) => g.id)).toEqual(expected);
    expect(await db.auditDelivery.count({ where: { status: "PENDING" } })).toBe(0);
    // Every attempt is kept: 4 failures (503, with the answer's start) and the success.
    const attempts = await db.auditDeliveryAttempt.findMany({ orderBy: [{ startedAt: "asc" }], select: { httpStatus: true, excerpt: true } });
    expect(attempts.slice(0, 4)).toEqual(Array(4).fill({ httpStatus: 503, excerpt: "down for maintenance" }));
  });

  it("is delivered in order by two senders at once", async () => {
    const { secret } = await createAuditEndpoint(await as("gina"), { url, scope: "BOTH" });
    for (let i = 0; i < 12; i++) await change(i % 2 ? "gina" : "luis");
    // A second instance: its own connection pool to the same database.
    const other = createPrismaClient(appUrl);
    await Promise.all([drain(db), drain(other), drain(db)]);
    await other.$disconnect();
    await drain(db);
    const expected = (await db.auditDelivery.findMany({ orderBy: { sequence: "asc" }, select: { messageId: true } })).map((d) => d.messageId);
    expect(verified(secret).map((g) => g.id)).toEqual(expected);
    expect(got).toHaveLength(expected.length);
  });

  it("is disabled after failing for 24 hours, the Global administrators emailed, and resumed in order", async () => {
    const { id } = await createAuditEndpoint(await as("gina"), { url, scope: "ADMIN_TIMELINE" });
    await sendAuditTestEvent(await as("gina"), { endpointId: id });
    status = 503;
    const t0 = Date.now();
    await drain(db, new Date(t0));
    await drain(db, new Date(t0 + FAILING_DISABLES_AFTER_MS - 60_000));
    expect((await db.auditStreamEndpoint.findUniqueOrThrow({ where: { id } })).status).toBe("ACTIVE");
    await drain(db, new Date(t0 + FAILING_DISABLES_AFTER_MS + 60_000));
    expect((await db.auditStreamEndpoint.findUniqueOrThrow({ where: { id } })).status).toBe("DISABLED");
    const mails = await db.emailMessage.findMany({ where: { kind: "audit-stream-disabled" }, select: { toAddress: true } });
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["gina@acme.test", "nora@acme.test", "sid@vendor.test"]);
    // Disabled: nothing is tried. Resumed: what waited goes, in order.
    status = 200;
    await drain(db, new Date(t0 + FAILING_DISABLES_AFTER_MS + 120 * 60_000));
    expect(got).toHaveLength(0);
    await setAuditEndpointStatus(await as("gina"), { endpointId: id, status: "ACTIVE" });
    await drain(db);
    expect(got.map((g) => g.type)).toEqual(["kaizen.stream.endpoint_added", "kaizen.test", "kaizen.stream.endpoint_resumed"]);
  });

  it("after a rotation is signed with both secrets for 24 hours", async () => {
    const { id, secret: old } = await createAuditEndpoint(await as("gina"), { url, scope: "ADMIN_TIMELINE" });
    const { secret: fresh } = await rotateAuditSecret(await as("gina"), { endpointId: id });
    await sendAuditTestEvent(await as("gina"), { endpointId: id });
    await drain(db);
    // Its own "added" and "rotated" events, and the test.
    expect(verified(fresh).map((g) => g.type)).toEqual(["kaizen.stream.endpoint_added", "kaizen.stream.secret_rotated", "kaizen.test"]);
    expect(verified(old)).toHaveLength(3);
    got.length = 0;
    await sendAuditTestEvent(await as("gina"), { endpointId: id });
    await drain(db, new Date(Date.now() + 25 * 60 * 60_000));
    expect(() => new Webhook(old).verify(got[0]!.body, got[0]!.headers)).toThrow();
    expect(new Webhook(fresh).verify(got[0]!.body, got[0]!.headers)).toBeTruthy();
  });
});

describe("managing endpoints", () => {
  it("refuses a private address at save unless allowed, and https only in production", async () => {
    const strict = await contextFor(db, "gina", { config: { ...TEST_CONFIG, NODE_ENV: "production" } });
    const refusal = await refusalOf(createAuditEndpoint(strict, { url: "https://127.0.0.1/hook", scope: "BOTH" }));
    expect(refusal.message).toBe(FIX_FIELDS);
    expect(refusal.fieldErrors?.url?.[0]).toMatch(/loopback address: audit streams deliver to public addresses only/);
    expect((await refusalOf(createAuditEndpoint(strict, { url: "http://siem.example.com/hook", scope: "BOTH" }))).fieldErrors?.url).toEqual([
      "The endpoint must be an https:// URL.",
    ]);
    expect(await db.auditStreamEndpoint.count()).toBe(0);
  });

  it("is for Global User Administrators, and their own organization's endpoints only", async () => {
    expect((await refusalOf(createAuditEndpoint(await as("luis"), { url, scope: "BOTH" }))).message).toMatch(/permission/);
    const { id } = await createAuditEndpoint(await as("gina"), { url, scope: "BOTH" });
    expect((await refusalOf(deleteAuditEndpoint(await as("gabe"), { endpointId: id }))).message).toBe(NOT_FOUND);
    expect((await refusalOf(rotateAuditSecret(await as("jane"), { endpointId: id }))).message).toMatch(/permission/);
    await deleteAuditEndpoint(await as("nora"), { endpointId: id });
    expect(await db.auditStreamEndpoint.count()).toBe(0);
  });
});
