// Impersonation Mode, the server side that runs outside a signed-in request: the re-login that
// turns a pending request into an impersonation session, the check every request of one makes
// against the database, and every way one ends. (Confirming and revoking are user changes:
// ./mutations.ts.) Every step is recorded in the Admin Timeline, through lib/mutation's transact.
import { createHash } from "node:crypto";
import type { AppConfig, Attribution } from "@/lib/context/create";
import { enqueueEmail } from "@/lib/email/outbox";
import { templated } from "@/lib/email/render";
import type { ImpersonationEndReason } from "@/lib/generated/prisma/enums";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { describeEvent, END_REASON_LABELS, parseEvent } from "@/lib/history/events";
import { canonicalTimeZone, formatElapsed, formatTime } from "@/lib/format/time";
import { transact, type Recorder, type Tx } from "@/lib/mutation";
import { AUTHORITY_COLUMNS, AUTHORITY_JOINS, authoritiesFromRows, loadAuthorities, type AuthorityRow, type UserAuthority } from "@/lib/permissions/authority";
import type { Authority } from "@/lib/permissions/policy";
import { loadImpersonationSettings } from "@/lib/organization/queries";
import { canImpersonate, type ImpersonationDenial } from "./policy";
import type { SessionImpersonation } from "@/types/next-auth";

type Db = PrismaClient;

/**
 * How often a live impersonation's lastActivityAt is written: at most once in this long, and after
 * the response, not on every request. The record is at most this much behind the real last
 * activity, so an idle end time recorded from it is at most this much early.
 */
export const ACTIVITY_RECORD_INTERVAL_MS = 1_000;

/**
 * Slack when judging idleness against lastActivityAt: for clocks, request processing and the
 * record's lag. Never less than ACTIVITY_RECORD_INTERVAL_MS, so neither a request nor the sweep
 * ends an impersonation still in use; and as the record is never ahead of the real activity, no
 * check is later than this after the real cutoff. (Requests are also judged exactly, by the signed
 * activity timestamp, in the middleware and again on the server.)
 */
export const IDLE_GRACE_MS = 2_000;

export type EndReason = ImpersonationEndReason;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** An impersonation's own events are the actor's: they are both the effective user and the actor. */
export const actorAttribution = (actor: { id: string; organizationId: string }, impersonationSessionId?: string): Attribution => ({
  organizationId: actor.organizationId,
  userId: actor.id,
  actorId: actor.id,
  impersonationSessionId: impersonationSessionId ?? null,
});

/**
 * Records a refused impersonation. The target is named only when they are in the actor's
 * organization: nothing crosses over.
 */
export async function denialEvent(
  tx: Pick<Tx, "user">,
  actor: { organizationId: string },
  targetId: string,
  reason: ImpersonationDenial | "wrong-credentials",
  stage: "confirm" | "re-login",
) {
  const target = await tx.user.findFirst({ where: { id: targetId, organizationId: actor.organizationId }, select: { id: true } });
  return { type: "impersonation.denied" as const, subjectUserId: target?.id ?? null, details: { reason, stage } };
}

/** The pending request behind a cookie, if it can still be used. */
export async function findPendingRequest(db: Pick<Db, "impersonationRequest">, token: string | undefined, now = new Date()) {
  if (!token) return null;
  return db.impersonationRequest.findFirst({
    where: { tokenHash: hashToken(token), status: "PENDING", expiresAt: { gt: now } },
    select: { id: true, actorId: true, expiresAt: true, target: { select: { id: true, name: true } }, actor: { select: { name: true } } },
  });
}

/** Cancel on the sign-in page: the request the cookie names is dropped, and that is recorded. */
export async function cancelRequest(db: Db, token: string | undefined) {
  if (!token) return;
  await transact(db, async ({ tx, record }) => {
    const request = await tx.impersonationRequest.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, status: true, targetId: true, actorId: true, organizationId: true },
    });
    if (!request || request.status !== "PENDING") return;
    const { count } = await tx.impersonationRequest.updateMany({ where: { id: request.id, status: "PENDING" }, data: { status: "CANCELLED" } });
    if (count) {
      await record(
        { type: "impersonation.cancelled", subjectUserId: request.targetId, details: {} },
        actorAttribution({ id: request.actorId, organizationId: request.organizationId }),
      );
    }
  });
}

export type StartedImpersonation = {
  target: { id: string; name: string; email: string | null; username: string; organizationId: string };
  actor: { id: string; name: string; username: string };
  session: { id: string; startedAt: Date; idleTimeoutSeconds: number; absoluteExpiresAt: Date };
  /** The organization's view-only setting when it started. */
  viewOnly: boolean;
};

export type StartFailure = "expired" | "mismatch" | "denied";

type NoticeSkip = "internal-actor" | "no-email";

/**
 * What a re-login needs read before it can start anything, read while the password is still being
 * checked (Argon2id takes most of a sign-in): the pending request the cookie names, the actor and
 * the target, and where the notice goes. It writes nothing; every decision is made by
 * startImpersonation once the credentials are proved.
 */
export async function prepareImpersonation(
  db: Db,
  token: string,
  config: Pick<AppConfig, "APP_NAME" | "IMPERSONATION_IDLE_TIMEOUT_SECONDS" | "IMPERSONATION_MAX_DURATION_SECONDS">,
  now = new Date(),
) {
  const request = await db.impersonationRequest.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, status: true, expiresAt: true, actorId: true, targetId: true, reason: true, organizationId: true },
  });
  if (!request || request.status !== "PENDING" || request.expiresAt <= now) return null;
  const [people, settings] = await Promise.all([
    loadAuthorities(db, [request.actorId, request.targetId]),
    loadImpersonationSettings(db, request.organizationId, config),
  ]);
  const actor = people.get(request.actorId) ?? null;
  const target = people.get(request.targetId) ?? null;
  // The notice to the user: not when the actor is vendor support, nor without an address. It goes to
  // every address the user had in the last 30 days, so changing it first cannot hide an
  // impersonation. Its sender renders it, after the response: the sign-in never waits for it.
  const addresses = target ? await recentAddresses(db, { id: target.userId, organizationId: target.organizationId, email: target.email }, now) : [];
  const skip: NoticeSkip | null = actor?.isInternal ? "internal-actor" : addresses.length === 0 ? "no-email" : null;
  const notice =
    skip || !actor || !target
      ? null
      : templated("impersonation-notice", { appName: config.APP_NAME, actorName: actor.name, targetName: target.name, accessPath: "/account/access" });
  return { request, actor, target, addresses, notice, skip, settings };
}

export type PreparedImpersonation = Awaited<ReturnType<typeof prepareImpersonation>>;

/** A started impersonation as the session carries it (ISO times survive the JWT round trip). */
export function sessionImpersonation(
  session: { id: string; startedAt: Date; absoluteExpiresAt: Date; idleTimeoutSeconds: number },
  viewOnly: boolean,
): SessionImpersonation {
  return {
    id: session.id,
    startedAt: session.startedAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
    idleTimeoutSeconds: session.idleTimeoutSeconds,
    viewOnly,
  };
}

/**
 * The re-login: the actor has just proved who they are (`verifiedUserId`). Only the requesting
 * actor's own credentials, on an unused, unexpired request, still allowed by the policy, start the
 * impersonation; the request is claimed atomically so it can never be used twice. `prepared` is
 * what prepareImpersonation read for this token at `now` (read again when not given).
 */
export async function startImpersonation(
  db: Db,
  input: { token: string; verifiedUserId: string; prepared?: Promise<PreparedImpersonation> },
  config: AppConfig,
  now = new Date(),
): Promise<{ ok: true; started: StartedImpersonation } | { ok: false; code: StartFailure; reason?: ImpersonationDenial }> {
  const prepared = await (input.prepared ?? prepareImpersonation(db, input.token, config, now));
  if (!prepared) return { ok: false, code: "expired" };
  const { request, actor, target, addresses, notice, skip, settings } = prepared;
  const as = actorAttribution({ id: request.actorId, organizationId: request.organizationId });
  if (request.actorId !== input.verifiedUserId) {
    await transact(db, async ({ tx, record }) => record(await denialEvent(tx, request, request.targetId, "wrong-credentials", "re-login")), { as });
    return { ok: false, code: "mismatch" };
  }
  const decision = actor && target ? canImpersonate(actor, target, { actorIsImpersonating: false }) : ({ ok: false, reason: "target-inactive" } as const);
  if (!decision.ok || !actor || !target) {
    const reason = decision.ok ? "target-inactive" : decision.reason;
    await transact(
      db,
      async ({ tx, record }) => {
        await tx.impersonationRequest.updateMany({ where: { id: request.id, status: "PENDING" }, data: { status: "CANCELLED" } });
        await record(await denialEvent(tx, request, request.targetId, reason, "re-login"));
      },
      { as },
    );
    return { ok: false, code: "denied", reason };
  }
  const started = {
    target: { id: target.userId, name: target.name, email: target.email, username: target.username, organizationId: target.organizationId },
    actor: { id: actor.userId, name: actor.name, username: actor.username },
  };

  return transact(db, async ({ tx, record }) => {
    // One live impersonation per actor: starts for one actor take turns (the row lock), and a new
    // one ends the one before it — in another browser, say — which its next request then learns.
    // One that had already run out (nothing sweeps at sign-in) ends as it ran out, when it did.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${request.actorId} FOR UPDATE`;
    const claimed = await tx.impersonationRequest.updateMany({
      where: { id: request.id, status: "PENDING", expiresAt: { gt: now } },
      data: { status: "USED", usedAt: now },
    });
    if (claimed.count === 0) return { ok: false as const, code: "expired" as const };
    const earlier = await tx.impersonationSession.findMany({
      where: { actorId: request.actorId, status: "ACTIVE" },
      select: { id: true, lastActivityAt: true, idleTimeoutSeconds: true, absoluteExpiresAt: true },
    });
    for (const session of earlier) await endSessionIn(tx, record, session.id, howItRanOut(session, now) ?? { reason: "SUPERSEDED", endedAt: now });
    const session = await tx.impersonationSession.create({
      data: {
        organizationId: request.organizationId,
        requestId: request.id,
        actorId: request.actorId,
        targetId: request.targetId,
        reason: request.reason,
        startedAt: now,
        lastActivityAt: now,
        // The organization's limits, within the server's.
        idleTimeoutSeconds: settings.idleTimeoutSeconds,
        absoluteExpiresAt: new Date(now.getTime() + settings.maxDurationSeconds * 1000),
      },
      select: { id: true, startedAt: true, idleTimeoutSeconds: true, absoluteExpiresAt: true },
    });
    const during = { ...as, impersonationSessionId: session.id };
    await record(
      {
        type: "impersonation.started",
        subjectUserId: request.targetId,
        details: { reason: request.reason, idleTimeoutSeconds: session.idleTimeoutSeconds, absoluteExpiresAt: session.absoluteExpiresAt.toISOString() },
      },
      during,
    );
    if (notice && addresses.length > 0) {
      for (const [i, to] of addresses.entries()) {
        await enqueueEmail(tx, {
          ...notice,
          organizationId: request.organizationId,
          kind: "impersonation-notice",
          to,
          idempotencyKey: i === 0 ? `impersonation-notice/${session.id}` : `impersonation-notice/${session.id}/${i}`,
          impersonationSessionId: session.id,
        });
      }
    } else {
      await record({ type: "impersonation.notice_skipped", subjectUserId: request.targetId, details: { reason: skip ?? "no-email" } }, during);
    }
    return { ok: true as const, started: { ...started, session, viewOnly: settings.viewOnly } };
  });
}

/** How long an address the user no longer has still hears of an impersonation of them. */
export const PAST_ADDRESS_DAYS = 30;

/**
 * Where a notice to `user` goes: their address now, then every other address they had in the last
 * PAST_ADDRESS_DAYS days, read from the append-only history of their profile changes.
 */
export async function recentAddresses(
  db: Pick<Db, "timelineEvent">,
  user: { id: string; organizationId: string; email: string | null },
  now = new Date(),
): Promise<string[]> {
  const changes = await db.timelineEvent.findMany({
    where: {
      organizationId: user.organizationId,
      subjectUserId: user.id,
      type: "user.updated",
      createdAt: { gte: new Date(now.getTime() - PAST_ADDRESS_DAYS * 86_400_000) },
    },
    select: { type: true, details: true },
  });
  const past = changes.flatMap((e) => {
    const parsed = parseEvent(e.type, e.details);
    const email = parsed?.type === "user.updated" ? parsed.details.changes.email : undefined;
    return email ? [email.from, email.to] : [];
  });
  const all = [user.email, ...past].filter((a): a is string => Boolean(a)).map((a) => a.toLowerCase());
  return [...new Set(all)];
}

/** Inside a transaction: ends the session once, and records why and when. False if it had ended. */
export async function endSessionIn(
  tx: Tx,
  record: Recorder,
  sessionId: string,
  end: { reason: EndReason; endedAt: Date; endedBy?: Attribution },
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
  await enqueueSummaryIn(tx, record, sessionId);
  return true;
}

/** What is not a change made as the user: the impersonation's own record (its start, end and emails) and refusals. */
export const NOT_A_CHANGE = { NOT: [{ type: { startsWith: "impersonation." } }, { type: "access.refused" }] };
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
async function enqueueSummaryIn(tx: Tx, record: Recorder, sessionId: string) {
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
    appName: process.env.APP_NAME?.trim() || "Kaizen Hub",
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
export function endImpersonation(db: Db, sessionId: string, end: { reason: EndReason; endedAt?: Date; endedBy?: Attribution }): Promise<boolean> {
  return transact(db, ({ tx, record }) => endSessionIn(tx, record, sessionId, { ...end, endedAt: end.endedAt ?? new Date() }));
}

/**
 * Whether an active impersonation has run out by `now`, and if so why and when: whichever came
 * first of the idle cutoff (last activity + limit, allowing IDLE_GRACE_MS) and the absolute cap.
 */
function howItRanOut(
  session: { lastActivityAt: Date; idleTimeoutSeconds: number; absoluteExpiresAt: Date },
  now: Date,
): { reason: "INACTIVITY" | "ABSOLUTE_CAP"; endedAt: Date } | null {
  const idleEnd = new Date(session.lastActivityAt.getTime() + session.idleTimeoutSeconds * 1000);
  const idle = now.getTime() > idleEnd.getTime() + IDLE_GRACE_MS;
  const capped = now >= session.absoluteExpiresAt;
  if (idle && (!capped || idleEnd < session.absoluteExpiresAt)) return { reason: "INACTIVITY", endedAt: idleEnd };
  if (capped) return { reason: "ABSOLUTE_CAP", endedAt: session.absoluteExpiresAt };
  return null;
}

/**
 * Why a live impersonation must end now, if it must: its actor or target deactivated, or the policy
 * no longer allowing it (a permission or Location changed since it started).
 */
function policyEnd(actor: Authority, target: Authority | null): EndReason | null {
  if (!target || !actor.active || !target.active) return "USER_DEACTIVATED";
  return canImpersonate(actor, target, { actorIsImpersonating: false }).ok ? null : "PERMISSIONS_CHANGED";
}

type SessionColumns = {
  sessionStatus: string;
  lastActivityAt: Date;
  idleTimeoutSeconds: number;
  absoluteExpiresAt: Date;
  actorId: string;
  targetId: string;
  actorSignedIn: boolean;
  viewOnly: boolean;
};

/**
 * Every request of an impersonation asks this (defence in depth: whatever the JWT or the
 * middleware say). Ended, revoked, idle past its limit or past its absolute cap means signed out;
 * so does the actor's sign-in having been closed; and the policy is asked again, so a permission
 * change that would refuse it now ends it now, with that reason. One query reads the impersonation,
 * its actor (and the actor's sign-in), its target, whose authority the request then uses, and the
 * organization's view-only setting. A
 * live one records the activity (not for a background request) at most every
 * ACTIVITY_RECORD_INTERVAL_MS, through `defer` when given (after the response).
 */
export async function checkImpersonationSession(
  db: Db,
  sessionId: string,
  now = new Date(),
  options: { touch?: boolean; actorSessionId?: string; defer?: (work: () => Promise<unknown>) => void } = {},
): Promise<{ live: boolean; target: UserAuthority | null; viewOnly: boolean }> {
  // One query: the impersonation, whether the actor's sign-in is open, and both people's authority
  // (a row per grant of each).
  const rows = await db.$queryRaw<(AuthorityRow & SessionColumns)[]>`
    SELECT s.status::text AS "sessionStatus", s."lastActivityAt", s."idleTimeoutSeconds", s."absoluteExpiresAt", s."actorId", s."targetId",
           EXISTS (SELECT 1 FROM "AuthSession" a
                    WHERE a.id = ${options.actorSessionId ?? null} AND a."userId" = s."actorId" AND a."revokedAt" IS NULL) AS "actorSignedIn",
           o."impersonationViewOnly" AS "viewOnly",
           ${AUTHORITY_COLUMNS}
      FROM "ImpersonationSession" s
      JOIN "Organization" o ON o.id = s."organizationId"
      JOIN "User" u ON u.id IN (s."actorId", s."targetId")
      ${AUTHORITY_JOINS}
     WHERE s.id = ${sessionId}`;
  const dead = { live: false, target: null, viewOnly: false };
  const session = rows[0];
  if (!session || session.sessionStatus !== "ACTIVE") return dead;
  const runOut = howItRanOut(session, now);
  if (runOut) {
    await endImpersonation(db, sessionId, runOut);
    return dead;
  }
  if (options.actorSessionId && !session.actorSignedIn) {
    await endImpersonation(db, sessionId, { reason: "SIGN_OUT", endedAt: now });
    return dead;
  }
  const people = authoritiesFromRows(rows);
  const actor = people.get(session.actorId);
  const target = people.get(session.targetId) ?? null;
  const ended = actor ? policyEnd(actor, target) : "USER_DEACTIVATED";
  if (ended || !target) {
    await endImpersonation(db, sessionId, { reason: ended ?? "USER_DEACTIVATED", endedAt: now });
    return dead;
  }
  if (options.touch !== false && now.getTime() - session.lastActivityAt.getTime() >= ACTIVITY_RECORD_INTERVAL_MS) {
    const record = () =>
      db.impersonationSession.updateMany({ where: { id: sessionId, status: "ACTIVE", lastActivityAt: { lt: now } }, data: { lastActivityAt: now } });
    if (options.defer) options.defer(record);
    else await record();
  }
  return { live: true, target, viewOnly: session.viewOnly };
}

/**
 * Ends every active impersonation that has run out — idle past its limit or past its absolute cap —
 * with its real end time (last activity + limit, or the cap), even when the actor never comes
 * back. Run by the scheduled work (lib/jobs: the cron route, a timer in the Node server, and after
 * requests at most every 30 s), and for one organization by the reads that list impersonations.
 */
export async function sweepStaleImpersonations(db: Db, now = new Date(), scope: { organizationId?: string } = {}): Promise<number> {
  const active = await db.impersonationSession.findMany({
    where: { status: "ACTIVE", ...(scope.organizationId ? { organizationId: scope.organizationId } : {}) },
    orderBy: { lastActivityAt: "asc" },
    select: { id: true, lastActivityAt: true, idleTimeoutSeconds: true, absoluteExpiresAt: true, actorId: true, targetId: true },
    take: 1000,
  });
  // The policy is asked again for each (permissions may have changed while nobody made a request).
  const people = await loadAuthorities(db, [...new Set(active.flatMap((s) => [s.actorId, s.targetId]))]);
  let ended = 0;
  for (const session of active) {
    const actor = people.get(session.actorId);
    const byPolicy = actor ? policyEnd(actor, people.get(session.targetId) ?? null) : "USER_DEACTIVATED";
    const end = howItRanOut(session, now) ?? (byPolicy ? { reason: byPolicy, endedAt: now } : null);
    if (end && (await endImpersonation(db, session.id, end))) ended++;
  }
  return ended;
}
