// The durable email outbox. A message is written in the same transaction as what it announces, so
// neither exists without the other; senders drain it later (right after the response, on the
// schedule, at server start). Any number of senders may drain at once: rows are claimed with
// FOR UPDATE SKIP LOCKED and a lease (lockedUntil), and every attempt carries the message's
// idempotency key, so even a sender that dies after the provider accepted a message — before it
// could mark the row sent — causes no second delivery when the message is retried.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { transact, type Recorder, type Tx as TransactionClient } from "@/lib/mutation";
import { renderTemplate, type RenderedEmail, type templated } from "./render";
import type { EmailTransport } from "./transport";

type Db = PrismaClient;
type Tx = Pick<Prisma.TransactionClient, "emailMessage">;

/** How long a claimed message is reserved for its sender before another may take it over. */
export const LEASE_MS = 2 * 60_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

/** Exponential backoff: 30 s, 1 min, 2 min, … at most an hour (a provider's Retry-After wins). */
export function backoffMs(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
}

/**
 * Adds a message to the outbox (in the caller's transaction): rendered already, or a template and
 * its props for the sender to render after the response (`templated(...)`).
 */
export function enqueueEmail(
  tx: Tx,
  message: (RenderedEmail | ReturnType<typeof templated>) & {
    organizationId: string;
    kind: string;
    to: string;
    idempotencyKey: string;
    impersonationSessionId?: string;
  },
) {
  const content = "template" in message ? { template: message.template, props: message.props } : { html: message.html, text: message.text };
  return tx.emailMessage.create({
    data: {
      organizationId: message.organizationId,
      impersonationSessionId: message.impersonationSessionId ?? null,
      kind: message.kind,
      toAddress: message.to,
      subject: message.subject,
      ...content,
      idempotencyKey: message.idempotencyKey,
    },
    select: { id: true },
  });
}

export type ClaimedEmail = {
  id: string;
  /** This sender's lease: results are written only while the message is still held under it. */
  lockedUntil: Date;
  toAddress: string;
  subject: string;
  /** Null until rendered: the sender renders `template` with `props` first. */
  html: string | null;
  text: string | null;
  template: string | null;
  props: unknown;
  idempotencyKey: string;
  attempts: number;
  maxAttempts: number;
};

/** Claims up to `limit` due messages for this sender (a lease of LEASE_MS). */
export async function claimDueEmails(db: Db, now = new Date(), limit = 20): Promise<ClaimedEmail[]> {
  // Times go in as UTC text cast to the columns' type (timestamp without time zone, holding UTC),
  // so the comparison does not depend on the database session's TimeZone.
  const at = now.toISOString();
  const leaseEnd = new Date(now.getTime() + LEASE_MS).toISOString();
  const rows = await db.$queryRaw<(ClaimedEmail & { lockedUntil: Date })[]>`
    UPDATE "EmailMessage" m
       SET "lockedUntil" = ${leaseEnd}::timestamp(3), attempts = m.attempts + 1
     WHERE m.id IN (
       SELECT id FROM "EmailMessage"
        WHERE status = 'PENDING' AND attempts < "maxAttempts"
          AND "nextAttemptAt" <= ${at}::timestamp(3)
          AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${at}::timestamp(3))
        ORDER BY "nextAttemptAt"
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING m.id, m."toAddress", m.subject, m.html, m.text, m.template, m.props, m."idempotencyKey", m.attempts, m."maxAttempts", m."lockedUntil"`;
  return rows;
}

/** Which events record a message's outcome: the start notice's, or the summary's. */
const OUTCOME_EVENTS = {
  notice: { sent: "impersonation.notice_sent", logged: "impersonation.notice_logged", failed: "impersonation.notice_failed" },
  summary: { sent: "impersonation.summary_sent", logged: "impersonation.summary_logged", failed: "impersonation.summary_failed" },
} as const;

/**
 * A message's final outcome, in the Admin Timeline under its impersonation (in the same
 * transaction): "sent", "logged" (kept, not delivered) or "failed".
 */
async function recordOutcome(
  tx: TransactionClient,
  record: Recorder,
  messageId: string,
  outcome: { kind: "sent" | "logged"; details: { to: string; attempts: number; transport: string } } | { kind: "failed"; details: { to: string; attempts: number; error: string; status: number | null } },
) {
  const message = await tx.emailMessage.findUniqueOrThrow({
    where: { id: messageId },
    select: { organizationId: true, kind: true, impersonationSession: { select: { id: true, actorId: true, targetId: true } } },
  });
  const session = message.impersonationSession;
  if (!session) return;
  const types = OUTCOME_EVENTS[message.kind === "impersonation-summary" ? "summary" : "notice"];
  const as = { organizationId: message.organizationId, userId: session.actorId, actorId: session.actorId, impersonationSessionId: session.id };
  if (outcome.kind === "failed") await record({ type: types.failed, subjectUserId: session.targetId, details: outcome.details }, as);
  else await record({ type: types[outcome.kind], subjectUserId: session.targetId, details: outcome.details }, as);
}

/** Sends one claimed message and records the attempt and, when final, the outcome. */
export async function deliverClaimed(db: Db, transport: EmailTransport, message: ClaimedEmail, now = new Date()) {
  const startedAt = new Date();
  let result;
  // A message enqueued by template is rendered here, once: what is sent is kept with the row.
  let rendered: { html: string; text: string } | null = null;
  try {
    if (message.html === null || message.text === null) {
      if (!message.template) throw new Error("The message has neither content nor a template.");
      rendered = await renderTemplate(message.template, message.props);
    }
    result = await transport.send({
      id: message.id,
      to: message.toAddress,
      subject: message.subject,
      html: rendered?.html ?? message.html!,
      text: rendered?.text ?? message.text!,
      idempotencyKey: message.idempotencyKey,
    });
  } catch (error) {
    // A template that does not render is the message's own fault: retrying would not help.
    result = rendered || message.html !== null
      ? { ok: false as const, retryable: true, status: null, retryAfterMs: null, error: String(error) }
      : { ok: false as const, retryable: false, status: null, retryAfterMs: null, error: `The message could not be rendered: ${String(error)}` };
  }
  const attempt = { messageId: message.id, number: message.attempts, startedAt, finishedAt: new Date() };

  // Only while this sender still holds its lease: a sender slower than its lease must not
  // overwrite the outcome of the one that took the message over.
  const mine = { id: message.id, status: "PENDING" as const, lockedUntil: message.lockedUntil };
  if (result.ok) {
    // Accepted by the provider: sent. Kept and logged only: "logged, not delivered" — never "sent".
    const delivered = result.delivered;
    const written = await transact(db, async ({ tx, record }) => {
      const { count } = await tx.emailMessage.updateMany({
        where: mine,
        data: {
          ...rendered,
          status: delivered ? "SENT" : "LOGGED",
          sentAt: delivered ? new Date() : null,
          transport: transport.name,
          providerMessageId: result.providerMessageId,
          lockedUntil: null,
          lastError: null,
        },
      });
      if (!count) return false;
      await tx.emailAttempt.create({ data: { ...attempt, outcome: delivered ? "sent" : "logged", httpStatus: delivered ? 200 : null } });
      await recordOutcome(tx, record, message.id, {
        kind: delivered ? "sent" : "logged",
        details: { to: message.toAddress, attempts: message.attempts, transport: transport.name },
      });
      return true;
    });
    if (!written) return "lost" as const;
    return delivered ? ("sent" as const) : ("logged" as const);
  }

  const final = !result.retryable || message.attempts >= message.maxAttempts;
  const wait = result.retryAfterMs ?? backoffMs(message.attempts);
  const written = await transact(db, async ({ tx, record }) => {
    const { count } = await tx.emailMessage.updateMany({
      where: mine,
      data: final
        ? { ...rendered, status: "FAILED", failedAt: new Date(), transport: transport.name, lastError: result.error, lockedUntil: null }
        : { ...rendered, nextAttemptAt: new Date(now.getTime() + wait), transport: transport.name, lastError: result.error, lockedUntil: null },
    });
    if (!count) return false;
    await tx.emailAttempt.create({ data: { ...attempt, outcome: final ? "failed" : "retry", httpStatus: result.status, error: result.error } });
    if (final) {
      await recordOutcome(tx, record, message.id, {
        kind: "failed",
        details: { to: message.toAddress, attempts: message.attempts, error: result.error, status: result.status },
      });
    }
    return true;
  });
  if (!written) return "lost" as const;
  return final ? ("failed" as const) : ("retry" as const);
}

/**
 * Gives claimed messages back before they were tried (a sender shutting down): at once claimable by
 * another sender, their try not counted. Only under this sender's own lease.
 */
export async function releaseClaims(db: Db, messages: ClaimedEmail[]): Promise<number> {
  let released = 0;
  for (const m of messages) {
    const { count } = await db.emailMessage.updateMany({
      where: { id: m.id, status: "PENDING", lockedUntil: m.lockedUntil },
      data: { lockedUntil: null, attempts: { decrement: 1 } },
    });
    released += count;
  }
  return released;
}

/**
 * Waits for a turn in the send budget `name`, which every sender of every instance shares: at most
 * `perSecond` sends a second, evenly spaced. The next free slot lives in PostgreSQL (one row, its
 * clock the database's), so instances need not know of each other.
 */
export async function takeSendSlot(db: Db, name: string, perSecond: number): Promise<number> {
  const spacing = 1 / perSecond;
  const [row] = await db.$queryRaw<{ wait_ms: number }[]>`
    INSERT INTO "SendBudget" (name, "nextSlotAt") VALUES (${name}, clock_timestamp() + make_interval(secs => ${spacing}::float8))
    ON CONFLICT (name) DO UPDATE
       SET "nextSlotAt" = GREATEST("SendBudget"."nextSlotAt", clock_timestamp()) + make_interval(secs => ${spacing}::float8)
    RETURNING GREATEST(0, EXTRACT(EPOCH FROM ("nextSlotAt" - make_interval(secs => ${spacing}::float8) - clock_timestamp())) * 1000)::float8 AS wait_ms`;
  const wait = row?.wait_ms ?? 0;
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return wait;
}

/**
 * Claims and sends what is due; returns what happened to each message. `shouldStop` is asked
 * between messages: when it says so (the instance is shutting down), the message being sent has
 * finished and the rest are released for another sender. With `rate`, the sends keep to a budget
 * shared by every sender (Resend's rate limit is per team): one message is claimed at a time and
 * sent in its turn, so a lease never waits behind the budget.
 */
export async function drainOutbox(
  db: Db,
  transport: EmailTransport,
  options: { now?: Date; limit?: number; shouldStop?: () => boolean; rate?: { perSecond: number } } = {},
) {
  const outcomes: Record<"sent" | "logged" | "retry" | "failed" | "released", number> = { sent: 0, logged: 0, retry: 0, failed: 0, released: 0 };
  if (options.rate) {
    for (let i = 0; i < (options.limit ?? 20); i++) {
      if (options.shouldStop?.()) break;
      const now = options.now ?? new Date();
      const [message] = await claimDueEmails(db, now, 1);
      if (!message) break;
      await takeSendSlot(db, transport.name, options.rate.perSecond);
      if (options.shouldStop?.()) {
        outcomes.released += await releaseClaims(db, [message]);
        break;
      }
      const outcome = await deliverClaimed(db, transport, message, options.now ?? new Date());
      if (outcome !== "lost") outcomes[outcome]++;
    }
    return outcomes;
  }
  const now = options.now ?? new Date();
  const claimed = await claimDueEmails(db, now, options.limit);
  for (const [i, message] of claimed.entries()) {
    if (options.shouldStop?.()) {
      outcomes.released = await releaseClaims(db, claimed.slice(i));
      break;
    }
    const outcome = await deliverClaimed(db, transport, message, now);
    if (outcome !== "lost") outcomes[outcome]++;
  }
  return outcomes;
}
