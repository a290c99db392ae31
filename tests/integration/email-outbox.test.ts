// The durable outbox with the real `resend` SDK against a fake Resend API on 127.0.0.1.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { backoffMs, claimDueEmails, deliverClaimed, drainOutbox, enqueueEmail, LEASE_MS } from "@/lib/email/outbox";
import { renderImpersonationNotice } from "@/lib/email/render";
import { LogTransport, ResendTransport, type EmailTransport } from "@/lib/email/transport";
import { describeEvent } from "@/lib/timeline/events";
import { listAdminTimeline } from "@/lib/timeline/queries";
import { confirmImpersonation } from "@/lib/impersonation/mutations";
import { startImpersonation } from "@/lib/impersonation/start";
import { contextFor, TEST_CONFIG } from "../support/context";
import { createTestDatabase } from "../support/database";
import { startFakeResend } from "../support/fake-resend";

const fake = await startFakeResend();
process.env.RESEND_BASE_URL = fake.url; // read by the resend SDK
const transport = new ResendTransport("re_test_key", "Kaizen Hub <notices@kaizen.test>");
const { db } = await createTestDatabase("demo");
afterAll(() => fake.close());

const users = Object.fromEntries(
  (await db.user.findMany({ select: { id: true, username: true, organizationId: true, email: true } })).map((u) => [
    u.username,
    u,
  ]),
);
const limits = TEST_CONFIG;

/** A real impersonation start, which enqueues (or skips) the notice in its transaction. */
async function startAs(actor: string, target: string) {
  const requested = await confirmImpersonation(await contextFor(db, actor), { targetId: users[target]!.id });
  const started = await startImpersonation(db, { token: requested.token, verifiedUserId: users[actor]!.id }, limits);
  if (!started.ok) throw new Error(started.code);
  return started.started.session.id;
}

/** A lone message with its own key, for the delivery mechanics. */
async function enqueueOne(key: string) {
  const email = await renderImpersonationNotice({
    appName: "Kaizen Hub",
    actorName: "Gina Global",
    targetName: "Jane Doe",
  });
  return enqueueEmail(db, {
    ...email,
    organizationId: users.jane!.organizationId,
    kind: "test",
    to: "jane@acme.test",
    idempotencyKey: key,
  });
}

beforeEach(async () => {
  // Each test starts with an empty outbox and a fresh fake.
  await db.emailAttempt.deleteMany();
  await db.emailMessage.updateMany({ where: { status: "PENDING" }, data: { status: "FAILED" } });
  fake.requests.length = 0;
  fake.delivered.length = 0;
});

describe("the email outbox", () => {
  it("enqueues the notice with the impersonation and sends exactly one correct request", async () => {
    const sessionId = await startAs("gina", "jane");
    const message = await db.emailMessage.findFirstOrThrow({ where: { impersonationSessionId: sessionId } });
    expect(message).toMatchObject({
      status: "PENDING",
      toAddress: "jane@acme.test",
      idempotencyKey: `impersonation-notice/${sessionId}`,
      // Rendered by its sender, not in the sign-in: the template and its props wait in the row.
      template: "impersonation-notice",
      props: { appName: "Kaizen Hub", actorName: "Gina Global", targetName: "Jane Doe" },
      html: null,
      text: null,
    });

    expect(await drainOutbox(db, transport)).toEqual({ sent: 1, logged: 0, retry: 0, failed: 0, released: 0 });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request!.headers["idempotency-key"]).toBe(`impersonation-notice/${sessionId}`);
    expect(request!.headers.authorization).toBe("Bearer re_test_key");
    expect(request!.body).toMatchObject({
      from: "Kaizen Hub <notices@kaizen.test>",
      to: "jane@acme.test",
      subject: "Kaizen Hub: A Kaizen Hub Administrator has signed in as you",
    });
    expect(request!.body.html).toContain("<strong>Gina Global</strong>");
    expect(request!.body.text).toContain("An administrator, Gina Global, has temporarily signed in to your account");
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: "SENT",
      attempts: 1,
      transport: "resend",
      providerMessageId: "fake-email-1",
      // What was sent is kept with the row.
      html: request!.body.html,
      text: request!.body.text,
    });
    const sent = await db.timelineEvent.findFirstOrThrow({
      where: { impersonationSessionId: sessionId, type: "impersonation.notice_sent" },
    });
    expect(sent.subjectUserId).toBe(users.jane!.id);
    // Nothing left to send.
    expect(await drainOutbox(db, transport)).toEqual({ sent: 0, logged: 0, retry: 0, failed: 0, released: 0 });
  });

  it("skips the notice for an internal actor and for a user with no email, and says why", async () => {
    const bySid = await startAs("sid", "jane");
    const toSam = await startAs("gina", "sam");
    expect(await db.emailMessage.count({ where: { impersonationSessionId: { in: [bySid, toSam] } } })).toBe(0);
    const skipped = await db.timelineEvent.findMany({
      where: { type: "impersonation.notice_skipped", impersonationSessionId: { in: [bySid, toSam] } },
    });
    expect(
      Object.fromEntries(skipped.map((e) => [e.impersonationSessionId, (e.details as { reason: string }).reason])),
    ).toEqual({
      [bySid]: "internal-actor",
      [toSam]: "no-email",
    });
  });

  it("a 500 then a success delivers exactly once, after a backoff", async () => {
    const { id } = await enqueueOne("k-500");
    fake.respondWith({ status: 500 });
    const t0 = new Date();
    expect(await drainOutbox(db, transport, { now: t0 })).toEqual({ sent: 0, logged: 0, retry: 1, failed: 0, released: 0 });
    const waiting = await db.emailMessage.findUniqueOrThrow({ where: { id } });
    expect(waiting.nextAttemptAt.getTime() - t0.getTime()).toBe(backoffMs(1));
    expect(await drainOutbox(db, transport, { now: new Date(t0.getTime() + backoffMs(1) - 1000) })).toEqual({
      sent: 0,
      logged: 0,
      retry: 0,
      failed: 0,
      released: 0,
    });
    expect(await drainOutbox(db, transport, { now: new Date(t0.getTime() + backoffMs(1)) })).toEqual({
      sent: 1,
      logged: 0,
      retry: 0,
      failed: 0,
      released: 0,
    });
    expect(fake.requests).toHaveLength(2);
    expect(fake.delivered).toHaveLength(1);
    const attempts = await db.emailAttempt.findMany({ where: { messageId: id }, orderBy: { number: "asc" } });
    expect(attempts.map((a) => [a.number, a.outcome, a.httpStatus])).toEqual([
      [1, "retry", 500],
      [2, "sent", 200],
    ]);
  });

  it("a 429 with Retry-After waits as told", async () => {
    const { id } = await enqueueOne("k-429");
    fake.respondWith({ status: 429, headers: { "retry-after": "7" } });
    const t0 = new Date();
    expect(await drainOutbox(db, transport, { now: t0 })).toEqual({ sent: 0, logged: 0, retry: 1, failed: 0, released: 0 });
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id } })).nextAttemptAt.getTime() - t0.getTime()).toBe(
      7000,
    );
    expect(await drainOutbox(db, transport, { now: new Date(t0.getTime() + 6000) })).toEqual({
      sent: 0,
      logged: 0,
      retry: 0,
      failed: 0,
      released: 0,
    });
    expect(await drainOutbox(db, transport, { now: new Date(t0.getTime() + 7000) })).toEqual({
      sent: 1,
      logged: 0,
      retry: 0,
      failed: 0,
      released: 0,
    });
    expect(fake.delivered).toHaveLength(1);
  });

  it("a permanent 4xx ends as failed and shows in the Admin Timeline", async () => {
    const sessionId = await startAs("gina", "lena");
    fake.respondWith({
      status: 422,
      body: { statusCode: 422, name: "validation_error", message: "Invalid `to` field." },
    });
    expect(await drainOutbox(db, transport)).toEqual({ sent: 0, logged: 0, retry: 0, failed: 1, released: 0 });
    const message = await db.emailMessage.findFirstOrThrow({ where: { impersonationSessionId: sessionId } });
    expect(message).toMatchObject({
      status: "FAILED",
      attempts: 1,
      lastError: "validation_error: Invalid `to` field.",
    });
    const page = await listAdminTimeline(await contextFor(db, "gina"), { type: "impersonation.notice_failed" });
    expect(page.entries[0]).toMatchObject({ impersonationSessionId: sessionId, details: { attempts: 1, status: 422 } });
  });

  it("gives up after the most tries, as failed", async () => {
    const { id } = await enqueueOne("k-down");
    await db.emailMessage.update({ where: { id }, data: { maxAttempts: 3 } });
    fake.respondWith({ status: 503 }, { status: 503 }, { status: 503 });
    let now = Date.now();
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(await drainOutbox(db, transport, { now: new Date(now) }));
      now += backoffMs(i + 1);
    }
    expect(outcomes.map((o) => (o.retry ? "retry" : o.failed ? "failed" : "none"))).toEqual([
      "retry",
      "retry",
      "failed",
    ]);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(fake.delivered).toHaveLength(0);
  });

  it("a sender slower than its lease cannot overwrite the outcome of the one that took over", async () => {
    const { id } = await enqueueOne("k-slow");
    const t0 = new Date();
    const [slow] = await claimDueEmails(db, t0);
    // The lease runs out; another sender takes the message over and delivers it.
    expect(await drainOutbox(db, transport, { now: new Date(t0.getTime() + LEASE_MS) })).toEqual({
      sent: 1,
      logged: 0,
      retry: 0,
      failed: 0,
      released: 0,
    });
    // The slow sender's own request finally comes back refused: it is no longer its message to write.
    const refused: EmailTransport = {
      name: "resend",
      send: async () => ({
        ok: false,
        retryable: false,
        status: 422,
        retryAfterMs: null,
        error: "validation_error: late",
      }),
    };
    expect(await deliverClaimed(db, refused, slow!, t0)).toBe("lost");
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "SENT" });
    const attempts = await db.emailAttempt.findMany({ where: { messageId: id } });
    expect(attempts.map((a) => a.outcome)).toEqual(["sent"]);
  });

  it("never claims a message past its most tries, even if senders died mid-attempt", async () => {
    const { id } = await enqueueOne("k-dying");
    await db.emailMessage.update({ where: { id }, data: { maxAttempts: 2 } });
    let now = Date.now();
    expect(await claimDueEmails(db, new Date(now))).toHaveLength(1);
    now += LEASE_MS;
    expect(await claimDueEmails(db, new Date(now))).toHaveLength(1);
    now += LEASE_MS;
    expect(await claimDueEmails(db, new Date(now))).toHaveLength(0);
  });

  it("two senders draining at once deliver each message once", async () => {
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push((await enqueueOne(`k-race-${i}`)).id);
    const [a, b] = await Promise.all([
      drainOutbox(db, transport, { limit: 20 }),
      drainOutbox(db, transport, { limit: 20 }),
    ]);
    expect(a.sent + b.sent).toBe(12);
    expect(fake.requests).toHaveLength(12);
    expect(new Set(fake.requests.map((r) => r.headers["idempotency-key"])).size).toBe(12);
    expect(await db.emailMessage.count({ where: { id: { in: ids }, status: "SENT" } })).toBe(12);
  });

  it("a sender stopped after Resend accepted, before marking the row sent, is retried with the same key: one delivery", async () => {
    const { id } = await enqueueOne("k-crash");
    const t0 = new Date();
    // Sender 1 claims the message and Resend accepts it … and the sender dies right there.
    const [claimed] = await claimDueEmails(db, t0);
    expect(claimed!.id).toBe(id);
    const accepted = await transport.send({
      to: claimed!.toAddress,
      subject: claimed!.subject,
      html: claimed!.html!,
      text: claimed!.text!,
      idempotencyKey: claimed!.idempotencyKey,
    });
    expect(accepted.ok).toBe(true);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PENDING" });
    // While its lease lasts nobody else takes it; after, another sender does, with the same key.
    expect(await drainOutbox(db, transport, { now: new Date(t0.getTime() + LEASE_MS - 1000) })).toEqual({
      sent: 0,
      logged: 0,
      retry: 0,
      failed: 0,
      released: 0,
    });
    expect(await drainOutbox(db, transport, { now: new Date(t0.getTime() + LEASE_MS) })).toEqual({
      sent: 1,
      logged: 0,
      retry: 0,
      failed: 0,
      released: 0,
    });
    expect(fake.requests.map((r) => r.headers["idempotency-key"])).toEqual(["k-crash", "k-crash"]);
    expect(fake.delivered).toHaveLength(1);
    // The retry got Resend's answer to the first request: the same email id.
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "SENT",
      providerMessageId: accepted.ok ? accepted.providerMessageId : "",
    });
  });

  it("without a mail transport (EMAIL_TRANSPORT=log) a notice is logged, not delivered — and never called sent", async () => {
    const sessionId = await startAs("gina", "luis"); // (ending gina's earlier one: its summary is due too)
    const due = await db.emailMessage.count({ where: { status: "PENDING" } });
    expect(due).toBeGreaterThanOrEqual(1);
    const printed: string[] = [];
    const log = console.log;
    console.log = (line: string) => void printed.push(line);
    try {
      expect(await drainOutbox(db, new LogTransport(false))).toEqual({ sent: 0, logged: due, retry: 0, failed: 0, released: 0 });
    } finally {
      console.log = log;
    }
    expect(fake.requests).toHaveLength(0);
    expect(await db.emailMessage.findFirstOrThrow({ where: { impersonationSessionId: sessionId } })).toMatchObject({ status: "LOGGED", transport: "log", sentAt: null });
    const events = await db.timelineEvent.findMany({ where: { impersonationSessionId: sessionId, type: { startsWith: "impersonation.notice" } } });
    expect(events.map((e) => e.type)).toEqual(["impersonation.notice_logged"]);
    expect(describeEvent(events[0]!.type, events[0]!.details, "Luis Local")).toBe(
      "— the notification email to Luis Local was logged, not delivered (luis@acme.test; no mail transport is configured)",
    );
    // In production the log says only that a message was not delivered: no address, no body.
    expect(printed.join("\n")).toMatch(/not delivered/);
    expect(printed.join("\n")).not.toMatch(/@acme\.test|Luis Local|Jane Doe|signed in/);
  });

  it("a message whose template cannot be rendered fails at once, says why, and sends nothing", async () => {
    const { id } = await enqueueEmail(db, {
      template: "impersonation-notice",
      props: { appName: "Kaizen Hub", actorName: "", targetName: "Jane Doe" }, // an empty name: refused by the template's props
      subject: "Kaizen Hub: A Kaizen Hub Administrator has signed in as you",
      organizationId: users.jane!.organizationId,
      kind: "test",
      to: "jane@acme.test",
      idempotencyKey: "k-unrenderable",
    });
    expect(await drainOutbox(db, transport)).toEqual({ sent: 0, logged: 0, retry: 0, failed: 1, released: 0 });
    expect(fake.requests).toHaveLength(0);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "FAILED", attempts: 1, html: null });
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id } })).lastError).toMatch(/^The message could not be rendered/);
  });

  it("senders together keep to Resend's rate limit (RESEND_MAX_PER_SECOND), shared through PostgreSQL: no 429", async () => {
    const ids = [];
    for (let i = 0; i < 12; i++) ids.push((await enqueueOne(`k-rate-${i}`)).id);
    fake.setRateLimit(4);
    // Four senders (as four instances: separate drains) with a budget of 4 a second between them.
    const drains = await Promise.all(Array.from({ length: 4 }, () => drainOutbox(db, transport, { rate: { perSecond: 4 } })));
    fake.setRateLimit(null);
    expect(drains.reduce((n, d) => n + d.sent, 0)).toBe(12);
    expect(fake.tooMany).toBe(0);
    // Evenly spaced, a quarter of a second apart: twelve sends take about three seconds, never less than 2.75.
    const at = fake.requests.map((r) => r.at).sort((a, b) => a - b);
    expect(at.at(-1)! - at[0]!).toBeGreaterThanOrEqual(2_700);
    expect(await db.emailMessage.count({ where: { id: { in: ids }, status: "SENT" } })).toBe(12);

    // The same burst without the budget: Resend answers 429 (the messages wait and are retried).
    for (let i = 0; i < 12; i++) await enqueueOne(`k-burst-${i}`);
    fake.reset();
    fake.setRateLimit(4);
    await Promise.all(Array.from({ length: 4 }, () => drainOutbox(db, transport)));
    fake.setRateLimit(null);
    expect(fake.tooMany).toBeGreaterThan(0);
  });
});
