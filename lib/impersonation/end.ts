// Every way an impersonation ends, once: the end recorded with its reason and real end time, and
// the summary email to the user in the same transaction; and the scheduler's catch-up that ends
// what has run out while nobody was asking. Recorded in the Admin Timeline through lib/mutation.
import type { AppConfig, Attribution } from "@/lib/context/create";
import { enqueueEmail } from "@/lib/email/outbox";
import { templated } from "@/lib/email/render";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { describeEvent, END_REASON_LABELS } from "@/lib/timeline/events";
import { canonicalTimeZone, formatElapsed, formatTime } from "@/lib/format/time";
import { transact, type Recorder, type Tx } from "@/lib/mutation";
import { loadAuthorities } from "@/lib/permissions/authority";
import { recentAddresses } from "./addresses";
import { actorAttribution, howItRanOut, NOT_A_CHANGE, policyEnd, type EndReason } from "./lifecycle";

type Db = PrismaClient;
/** What the summary email needs of the configuration. */
type Config = Pick<AppConfig, "APP_NAME">;

/** Inside a transaction: ends the session once, and records why and when. False if it had ended. */
export async function endSessionIn(
  tx: Tx,
  record: Recorder,
  sessionId: string,
  end: { reason: EndReason; endedAt: Date; endedBy?: Attribution },
  config: Config,
): Promise<boolean> {
  const { count } = await tx.impersonationSession.updateMany({
    where: { id: sessionId, status: "ACTIVE" },
    data: { status: "ENDED", endedAt: end.endedAt, endReason: end.reason, endedById: end.endedBy?.actorId ?? null },
  });
  if (count === 0) return false;
  const session = await tx.impersonationSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { organizationId: true, actorId: true, targetId: true },
  });
  const who = end.endedBy ?? actorAttribution({ id: session.actorId, organizationId: session.organizationId });
  await record(
    { type: "impersonation.ended", subjectUserId: session.targetId, details: { endReason: end.reason, endedAt: end.endedAt.toISOString() } },
    { ...who, impersonationSessionId: sessionId },
  );
  await enqueueSummaryIn(tx, record, sessionId, config);
  return true;
}

const SUMMARY_CHANGES = 20;

/** A change made during an impersonation, as its summary email lists it (and where to see it). */
function summaryLine(e: { type: string; details: unknown; item: { id: string; title: string } | null; board: { id: string; name: string } | null; subjectUser: { id: string; name: string } | null }) {
  const what = describeEvent(e.type, e.details, e.item?.title ?? e.board?.name ?? e.subjectUser?.name);
  const where = e.item ? ` — Item “${e.item.title}”` : e.board ? ` — Board “${e.board.name}”` : "";
  const text = `${what.charAt(0).toUpperCase()}${what.slice(1)}${where}`.slice(0, 500);
  return { text, path: e.item ? `/items/${e.item.id}` : e.board ? `/boards/${e.board.id}` : null };
}

/**
 * When an impersonation ends: the summary email to the user — who, how long, how it ended, and what
 * was changed as them — under the same rules as the start notice (none for vendor support, every
 * recent address, the Admin Timeline says when there is none), in the same transaction as the end.
 */
async function enqueueSummaryIn(tx: Tx, record: Recorder, sessionId: string, config: Config) {
  const session = await tx.impersonationSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: {
      organizationId: true,
      startedAt: true,
      endedAt: true,
      endReason: true,
      actor: { select: { id: true, name: true, isInternal: true } },
      target: { select: { id: true, name: true, email: true, timeZone: true, organizationId: true } },
      organization: { select: { name: true } },
    },
  });
  const during = { ...actorAttribution({ id: session.actor.id, organizationId: session.organizationId }), impersonationSessionId: sessionId };
  const addresses = await recentAddresses(tx, session.target, session.endedAt ?? new Date());
  const skip = session.actor.isInternal ? "internal-actor" : addresses.length === 0 ? "no-email" : null;
  if (skip) {
    await record({ type: "impersonation.summary_skipped", subjectUserId: session.target.id, details: { reason: skip } }, during);
    return;
  }
  const where = { impersonationSessionId: sessionId, ...NOT_A_CHANGE };
  const [changeCount, first] = await Promise.all([
    tx.timelineEvent.count({ where }),
    tx.timelineEvent.findMany({
      where,
      orderBy: { id: "asc" },
      take: SUMMARY_CHANGES,
      select: { type: true, details: true, item: { select: { id: true, title: true } }, board: { select: { id: true, name: true } }, subjectUser: { select: { id: true, name: true } } },
    }),
  ]);
  const endedAt = session.endedAt ?? new Date();
  const timeZone = canonicalTimeZone(session.target.timeZone) ?? "UTC";
  const summary = templated("impersonation-summary", {
    appName: config.APP_NAME,
    actorName: session.actor.name,
    targetName: session.target.name,
    startedAt: formatTime(session.startedAt, "datetime", { timeZone }),
    endedAt: formatTime(endedAt, "datetime", { timeZone }),
    duration: formatElapsed(endedAt.getTime() - session.startedAt.getTime()),
    endReason: END_REASON_LABELS[session.endReason ?? "SIGN_OUT"],
    changeCount,
    changes: first.map(summaryLine),
    accessPath: `/account/access/${sessionId}`,
  });
  // The changes go to the account's address; an address it had before hears that it ended, not what
  // was done (that mailbox may have passed to someone else).
  const current = session.target.email?.toLowerCase() ?? null;
  const withheld = templated("impersonation-summary", { ...summary.props, changes: [], changesWithheld: true });
  for (const [i, to] of addresses.entries()) {
    await enqueueEmail(tx, {
      ...(to === current ? summary : withheld),
      organizationId: session.organizationId,
      kind: "impersonation-summary",
      to,
      idempotencyKey: i === 0 ? `impersonation-summary/${sessionId}` : `impersonation-summary/${sessionId}/${i}`,
      impersonationSessionId: sessionId,
    });
  }
}

/**
 * Ends an active impersonation session, once: records the reason and the real end time (for a
 * timeout, when it ran out, not when someone noticed). Returns false when it had already ended.
 */
export function endImpersonation(
  db: Db,
  sessionId: string,
  end: { reason: EndReason; endedAt?: Date; endedBy?: Attribution },
  config: Config,
): Promise<boolean> {
  return transact(db, ({ tx, record }) => endSessionIn(tx, record, sessionId, { ...end, endedAt: end.endedAt ?? new Date() }, config));
}

/**
 * Ends every active impersonation that has run out — idle past its limit or past its absolute cap —
 * with its real end time (last activity + limit, or the cap), even when the actor never comes
 * back, and those the policy no longer allows. The scheduler's catch-up (lib/jobs/scheduler.ts):
 * reads never call it, they show what is over as over (./lifecycle.ts's asOf).
 */
export async function endWhatIsOver(db: Db, config: Config, now = new Date()): Promise<number> {
  const active = await db.impersonationSession.findMany({
    where: { status: "ACTIVE" },
    orderBy: { lastActivityAt: "asc" },
    select: {
      id: true,
      lastActivityAt: true,
      idleTimeoutSeconds: true,
      absoluteExpiresAt: true,
      actorId: true,
      targetId: true,
      grantId: true,
      grant: { select: { expiresAt: true, revokedAt: true } },
      organization: { select: { impersonationConsentRequired: true } },
    },
    take: 1000,
  });
  // The policy is asked again for each (permissions may have changed while nobody made a request).
  const people = await loadAuthorities(db, [...new Set(active.flatMap((s) => [s.actorId, s.targetId]))]);
  let ended = 0;
  for (const session of active) {
    const consent = { required: session.organization.impersonationConsentRequired, underGrant: session.grantId !== null };
    const byPolicy = policyEnd(people.get(session.actorId), people.get(session.targetId), consent);
    const end = howItRanOut(session, now) ?? (byPolicy ? { reason: byPolicy, endedAt: now } : null);
    if (end && (await endImpersonation(db, session.id, end, config))) ended++;
  }
  return ended;
}
