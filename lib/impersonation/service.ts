// Impersonation Mode, the server side: the pending request made at confirmation, the re-login that
// turns it into an impersonation session, the checks every request makes against the database, and
// how a session ends. Every step is recorded in the Admin Timeline.
import { createHash, randomBytes } from "node:crypto";
import { enqueueEmail } from "@/lib/email/outbox";
import { renderImpersonationNotice } from "@/lib/email/render";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadAuthority } from "@/lib/permissions/authority";
import { administersLocation, isUserAdmin } from "@/lib/permissions/policy";
import { recordEvent, type Attribution } from "@/lib/timeline/record-event";
import { canImpersonate, type ImpersonationDenial } from "./policy";

type Db = PrismaClient;

/** The cookie that carries a pending request's token from confirmation to the re-login. */
export const REQUEST_COOKIE = "kaizen.impersonation-request";

/**
 * Slack for clocks and request processing when judging idleness against lastActivityAt (which is
 * written on every request of an impersonation: they are few, and the record stays exact).
 */
export const IDLE_GRACE_MS = 2_000;

export type ImpersonationLimits = {
  APP_NAME: string;
  IMPERSONATION_IDLE_TIMEOUT_SECONDS: number;
  IMPERSONATION_MAX_DURATION_SECONDS: number;
  IMPERSONATION_REQUEST_TTL_SECONDS: number;
};

export type EndReason = "SIGN_OUT" | "INACTIVITY" | "REVOKED" | "ABSOLUTE_CAP";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const self = (user: { id: string; organizationId: string }): Attribution => ({
  organizationId: user.organizationId,
  userId: user.id,
  actorId: user.id,
});

async function recordDenial(
  db: Db,
  actor: { id: string; organizationId: string },
  targetId: string,
  reason: ImpersonationDenial | "wrong-credentials",
  stage: "confirm" | "re-login",
  extra: Record<string, string> = {},
) {
  // Name the target only when they are in the actor's organization: nothing crosses over.
  const target = await db.user.findFirst({ where: { id: targetId, organizationId: actor.organizationId }, select: { id: true } });
  await recordEvent(db, self(actor), {
    scope: "ADMIN",
    type: "impersonation.denied",
    subjectUserId: target?.id ?? null,
    details: { reason, stage, ...extra },
  });
}

/**
 * Confirmation: authorise, then record a single-use request bound to the actor, expiring after the
 * request TTL. Returns the token for the actor's cookie (only its hash is stored).
 */
export async function requestImpersonation(
  db: Db,
  input: { actor: { id: string; organizationId: string }; targetId: string; reason: string | null; actorIsImpersonating: boolean },
  limits: ImpersonationLimits,
  now = new Date(),
): Promise<{ ok: true; token: string; targetName: string } | { ok: false; reason: ImpersonationDenial }> {
  const [actor, target] = await Promise.all([loadAuthority(db, input.actor.id), loadAuthority(db, input.targetId)]);
  const decision =
    actor && target
      ? canImpersonate(actor, target, { actorIsImpersonating: input.actorIsImpersonating })
      : ({ ok: false, reason: "other-organization" } as const);
  if (!decision.ok) {
    await recordDenial(db, input.actor, input.targetId, decision.reason, "confirm");
    return decision;
  }
  const token = randomBytes(32).toString("base64url");
  const targetRow = await db.user.findUniqueOrThrow({ where: { id: input.targetId }, select: { name: true } });
  await db.$transaction(async (tx) => {
    // One outstanding request per actor: a new confirmation replaces any earlier one.
    await tx.impersonationRequest.updateMany({ where: { actorId: input.actor.id, status: "PENDING" }, data: { status: "CANCELLED" } });
    await tx.impersonationRequest.create({
      data: {
        organizationId: input.actor.organizationId,
        actorId: input.actor.id,
        targetId: input.targetId,
        reason: input.reason,
        tokenHash: hashToken(token),
        expiresAt: new Date(now.getTime() + limits.IMPERSONATION_REQUEST_TTL_SECONDS * 1000),
      },
    });
    await recordEvent(tx, self(input.actor), {
      scope: "ADMIN",
      type: "impersonation.requested",
      subjectUserId: input.targetId,
      details: { reason: input.reason },
    });
  });
  return { ok: true, token, targetName: targetRow.name };
}

/** The pending request behind a cookie, if it can still be used. */
export async function findPendingRequest(db: Pick<Db, "impersonationRequest">, token: string | undefined, now = new Date()) {
  if (!token) return null;
  return db.impersonationRequest.findFirst({
    where: { tokenHash: hashToken(token), status: "PENDING", expiresAt: { gt: now } },
    select: { id: true, actorId: true, expiresAt: true, target: { select: { id: true, name: true } }, actor: { select: { name: true } } },
  });
}

export async function cancelRequest(db: Db, token: string | undefined) {
  if (!token) return;
  const request = await db.impersonationRequest.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, status: true, targetId: true, actor: { select: { id: true, organizationId: true } } },
  });
  if (!request || request.status !== "PENDING") return;
  await db.$transaction(async (tx) => {
    const { count } = await tx.impersonationRequest.updateMany({ where: { id: request.id, status: "PENDING" }, data: { status: "CANCELLED" } });
    if (count) await recordEvent(tx, self(request.actor), { scope: "ADMIN", type: "impersonation.cancelled", subjectUserId: request.targetId });
  });
}

export type StartedImpersonation = {
  target: { id: string; name: string; email: string | null; username: string; organizationId: string };
  actor: { id: string; name: string; username: string };
  session: { id: string; startedAt: Date; idleTimeoutSeconds: number; absoluteExpiresAt: Date };
};

export type StartFailure = "expired" | "mismatch" | "denied";

/**
 * The re-login: the actor has just proved who they are (`verifiedUserId`). Only the requesting
 * actor's own credentials, on an unused, unexpired request, still allowed by the policy, start the
 * impersonation; the request is claimed atomically so it can never be used twice.
 */
export async function startImpersonation(
  db: Db,
  input: { token: string; verifiedUserId: string },
  limits: ImpersonationLimits,
  now = new Date(),
): Promise<{ ok: true; started: StartedImpersonation } | { ok: false; code: StartFailure; reason?: ImpersonationDenial }> {
  const request = await db.impersonationRequest.findUnique({
    where: { tokenHash: hashToken(input.token) },
    select: { id: true, status: true, expiresAt: true, actorId: true, targetId: true, reason: true, organizationId: true },
  });
  if (!request || request.status !== "PENDING" || request.expiresAt <= now) return { ok: false, code: "expired" };
  const actorRow = { id: request.actorId, organizationId: request.organizationId };
  if (request.actorId !== input.verifiedUserId) {
    await recordDenial(db, actorRow, request.targetId, "wrong-credentials", "re-login");
    return { ok: false, code: "mismatch" };
  }
  const [actor, target] = await Promise.all([loadAuthority(db, request.actorId), loadAuthority(db, request.targetId)]);
  const decision = actor && target ? canImpersonate(actor, target, { actorIsImpersonating: false }) : ({ ok: false, reason: "target-inactive" } as const);
  if (!decision.ok) {
    await db.impersonationRequest.updateMany({ where: { id: request.id, status: "PENDING" }, data: { status: "CANCELLED" } });
    await recordDenial(db, actorRow, request.targetId, decision.reason, "re-login");
    return { ok: false, code: "denied", reason: decision.reason };
  }

  // The notice to the user (DESIGN §2.4): not when the actor is vendor support, nor without an
  // address. Rendered now; enqueued with the session, in one transaction.
  const [targetRow, actorProfile] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: request.targetId },
      select: { id: true, name: true, email: true, username: true, organizationId: true },
    }),
    db.user.findUniqueOrThrow({ where: { id: request.actorId }, select: { id: true, name: true, username: true, isInternal: true } }),
  ]);
  let skipNotice: "internal-actor" | "no-email" | "render-failed" | null = actorProfile.isInternal
    ? "internal-actor"
    : !targetRow.email
      ? "no-email"
      : null;
  let notice: Awaited<ReturnType<typeof renderImpersonationNotice>> | null = null;
  if (!skipNotice) {
    // Delivery never blocks or breaks the sign-in: a template error is recorded, not thrown.
    notice = await renderImpersonationNotice({ appName: limits.APP_NAME, actorName: actorProfile.name, targetName: targetRow.name }).catch(
      (error: unknown) => {
        console.error("[impersonation notice] could not render:", error);
        skipNotice = "render-failed";
        return null;
      },
    );
  }

  return db.$transaction(async (tx) => {
    const claimed = await tx.impersonationRequest.updateMany({
      where: { id: request.id, status: "PENDING", expiresAt: { gt: now } },
      data: { status: "USED", usedAt: now },
    });
    if (claimed.count === 0) return { ok: false as const, code: "expired" as const };
    const session = await tx.impersonationSession.create({
      data: {
        organizationId: request.organizationId,
        requestId: request.id,
        actorId: request.actorId,
        targetId: request.targetId,
        reason: request.reason,
        startedAt: now,
        lastActivityAt: now,
        idleTimeoutSeconds: limits.IMPERSONATION_IDLE_TIMEOUT_SECONDS,
        absoluteExpiresAt: new Date(now.getTime() + limits.IMPERSONATION_MAX_DURATION_SECONDS * 1000),
      },
      select: { id: true, startedAt: true, idleTimeoutSeconds: true, absoluteExpiresAt: true },
    });
    await recordEvent(
      tx,
      { ...actorRow, userId: request.actorId, actorId: request.actorId, impersonationSessionId: session.id },
      {
        scope: "ADMIN",
        type: "impersonation.started",
        subjectUserId: request.targetId,
        details: { reason: request.reason, idleTimeoutSeconds: session.idleTimeoutSeconds, absoluteExpiresAt: session.absoluteExpiresAt.toISOString() },
      },
    );
    const sessionWho = { ...actorRow, userId: request.actorId, actorId: request.actorId, impersonationSessionId: session.id };
    if (notice && targetRow.email) {
      await enqueueEmail(tx, {
        ...notice,
        organizationId: request.organizationId,
        kind: "impersonation-notice",
        to: targetRow.email,
        idempotencyKey: `impersonation-notice/${session.id}`,
        impersonationSessionId: session.id,
      });
    } else {
      await recordEvent(tx, sessionWho, {
        scope: "ADMIN",
        type: "impersonation.notice_skipped",
        subjectUserId: request.targetId,
        details: { reason: skipNotice },
      });
    }
    const { isInternal: _isInternal, ...actor } = actorProfile;
    return { ok: true as const, started: { target: targetRow, actor, session } };
  });
}

/**
 * Ends an active impersonation session, once: records the reason and the real end time (for a
 * timeout, when it ran out, not when someone noticed). Returns false when it had already ended.
 */
export async function endImpersonation(
  db: Db,
  sessionId: string,
  end: { reason: EndReason; endedAt?: Date; endedBy?: Attribution },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const endedAt = end.endedAt ?? new Date();
    const { count } = await tx.impersonationSession.updateMany({
      where: { id: sessionId, status: "ACTIVE" },
      data: { status: "ENDED", endedAt, endReason: end.reason, endedById: end.endedBy?.actorId ?? null },
    });
    if (count === 0) return false;
    const session = await tx.impersonationSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { organizationId: true, actorId: true, targetId: true },
    });
    const who = end.endedBy ?? { organizationId: session.organizationId, userId: session.actorId, actorId: session.actorId };
    await recordEvent(
      tx,
      { ...who, impersonationSessionId: sessionId },
      { scope: "ADMIN", type: "impersonation.ended", subjectUserId: session.targetId, details: { endReason: end.reason, endedAt: endedAt.toISOString() } },
    );
    return true;
  });
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
 * Every request of an impersonation asks this (defence in depth: whatever the JWT or the
 * middleware say). Ended, revoked, idle past its limit or past its absolute cap means signed out;
 * a live one has its last activity set to now, unless the request was a background one.
 */
export async function checkImpersonationSession(
  db: Db,
  sessionId: string,
  now = new Date(),
  options: { touch?: boolean } = {},
): Promise<boolean> {
  const session = await db.impersonationSession.findUnique({
    where: { id: sessionId },
    select: { status: true, lastActivityAt: true, idleTimeoutSeconds: true, absoluteExpiresAt: true, actor: { select: { active: true } } },
  });
  if (!session || session.status !== "ACTIVE") return false;
  const runOut = howItRanOut(session, now);
  if (runOut) {
    await endImpersonation(db, sessionId, runOut);
    return false;
  }
  if (!session.actor.active) {
    await endImpersonation(db, sessionId, { reason: "REVOKED" });
    return false;
  }
  if (options.touch !== false && now > session.lastActivityAt) {
    await db.impersonationSession.updateMany({ where: { id: sessionId, status: "ACTIVE", lastActivityAt: { lt: now } }, data: { lastActivityAt: now } });
  }
  return true;
}

/**
 * Ends every active impersonation that has run out — idle past its limit or past its absolute cap —
 * with its real end time (last activity + limit, or the cap), even when the actor never comes
 * back. Run by the cron route, a timer in the Node server, and the inactivity sign-out page.
 */
export async function sweepStaleImpersonations(db: Db, now = new Date()): Promise<number> {
  const active = await db.impersonationSession.findMany({
    where: { status: "ACTIVE" },
    orderBy: { lastActivityAt: "asc" },
    select: { id: true, lastActivityAt: true, idleTimeoutSeconds: true, absoluteExpiresAt: true },
    take: 1000,
  });
  let ended = 0;
  for (const session of active) {
    const runOut = howItRanOut(session, now);
    if (runOut && (await endImpersonation(db, session.id, runOut))) ended++;
  }
  return ended;
}

/** An administrator ends someone's active impersonation (one whose target they administer). */
export async function revokeImpersonation(db: Db, who: Attribution, sessionId: string): Promise<"revoked" | "not-found" | "not-allowed"> {
  const admin = await loadAuthority(db, who.userId);
  if (!admin || !admin.active || !isUserAdmin(admin)) return "not-allowed";
  const session = await db.impersonationSession.findFirst({
    where: { id: sessionId, organizationId: admin.organizationId },
    select: { status: true, target: { select: { location: { select: { path: true } } } } },
  });
  if (!session) return "not-found";
  if (!administersLocation(admin, session.target.location.path)) return "not-allowed";
  if (session.status !== "ACTIVE") return "not-found";
  return (await endImpersonation(db, sessionId, { reason: "REVOKED", endedBy: who })) ? "revoked" : "not-found";
}
