// Consent before access, the changes: a user grants access to their account (for 1 hour, 1 day or 1
// week), revokes it (ending what runs under it), or declines a request; an administrator asks for
// access. Each is a user change through the one pipeline (lib/mutation), recorded in the Admin
// Timeline. None is made from inside an impersonation: consent is the user's own, and an
// administrator signed in as them must not be able to give it to themselves.
import { canonicalTimeZone, formatTime } from "@/lib/format/time";
import { enqueueEmail } from "@/lib/email/outbox";
import { templated } from "@/lib/email/render";
import { endSessionIn } from "@/lib/impersonation/end";
import { canImpersonate, DENIAL_MESSAGES } from "@/lib/impersonation/policy";
import { ActionError, defineMutation, FIX_FIELDS, refused, type Tx } from "@/lib/mutation";
import { loadImpersonationSettings } from "@/lib/organization/queries";
import { reasonProblem } from "@/lib/organization/settings";
import { loadAuthority } from "@/lib/permissions/authority";
import { declineRequestSchema, grantAccessSchema, requestAccessSchema, revokeAccessSchema } from "@/lib/validations/consent";
import { ACCESS_REQUEST_TTL_SECONDS, GRANT_DURATIONS, isOpenGrant } from "./rules";

export const ALREADY_GRANTED = "You have already granted access. Revoke it first to choose another length.";
export const GRANT_NOT_OPEN = "That access grant has already ended.";
export const REQUEST_NOT_OPEN = "That request is no longer open: it was answered or it expired.";

/** Changes to one user's consent take turns on their row (one open grant at a time). */
const lockUser = (tx: Tx, userId: string) => tx.$queryRaw`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;

/** A person's time zone for an email to them (UTC when they chose none). */
const zoneOf = (timeZone: string | null) => canonicalTimeZone(timeZone) ?? "UTC";

/**
 * Grant access to one's own account, to every administrator who may already manage one, for the
 * chosen time. It answers every pending request (each requester is emailed).
 */
export const grantAccess = defineMutation({
  schema: grantAccessSchema,
  notWhileImpersonating: "granting access to an account",
  authorize() {}, // one's own account: whoever is signed in, as themselves
  async run({ ctx, input, tx, record }) {
    const now = ctx.now();
    const userId = ctx.viewer.id;
    await lockUser(tx, userId);
    const open = await tx.accessGrant.findFirst({ where: { userId, revokedAt: null, expiresAt: { gt: now } }, select: { id: true } });
    if (open) throw new ActionError(ALREADY_GRANTED);
    const pending = await tx.accessRequest.findMany({
      where: { userId, status: "PENDING", expiresAt: { gt: now } },
      select: { id: true, requester: { select: { id: true, name: true, username: true, email: true, timeZone: true } } },
    });
    const duration = GRANT_DURATIONS[input.duration];
    const expiresAt = new Date(now.getTime() + duration.seconds * 1000);
    const grant = await tx.accessGrant.create({ data: { organizationId: ctx.viewer.organizationId, userId, expiresAt }, select: { id: true } });
    if (pending.length) {
      await tx.accessRequest.updateMany({
        where: { id: { in: pending.map((r) => r.id) }, status: "PENDING" },
        data: { status: "GRANTED", respondedAt: now, grantId: grant.id },
      });
    }
    await record({
      type: "consent.granted",
      subjectUserId: userId,
      details: { grantId: grant.id, duration: duration.label, expiresAt: expiresAt.toISOString(), requestsAnswered: pending.length },
    });
    for (const request of pending) {
      if (!request.requester.email) continue;
      await enqueueEmail(tx, {
        ...templated("access-granted", {
          appName: ctx.config.APP_NAME,
          requesterName: request.requester.name,
          userName: ctx.viewer.name,
          expiresAt: formatTime(expiresAt, "datetime", { timeZone: zoneOf(request.requester.timeZone) }),
          peoplePath: `/people?q=${ctx.viewer.username}`,
        }),
        organizationId: ctx.viewer.organizationId,
        kind: "access-granted",
        to: request.requester.email,
        idempotencyKey: `access-granted/${request.id}`,
      });
    }
    return { expiresAt, answered: pending.length, emailed: pending.some((r) => r.requester.email) };
  },
});

/**
 * Revoke one's open grant: it closes now, and every impersonation running under it ends (its next
 * request signs the administrator out, and says why).
 */
export const revokeAccess = defineMutation({
  schema: revokeAccessSchema,
  notWhileImpersonating: "revoking access to an account",
  authorize() {}, // one's own grant (the query below finds no one else's)
  async run({ ctx, input, tx, record }) {
    const now = ctx.now();
    await lockUser(tx, ctx.viewer.id);
    const grant = await tx.accessGrant.findFirst({
      where: { id: input.grantId, userId: ctx.viewer.id },
      select: { id: true, expiresAt: true, revokedAt: true },
    });
    if (!grant || !isOpenGrant(grant, now)) throw new ActionError(GRANT_NOT_OPEN);
    await tx.accessGrant.update({ where: { id: grant.id }, data: { revokedAt: now } });
    const running = await tx.impersonationSession.findMany({ where: { grantId: grant.id, status: "ACTIVE" }, select: { id: true } });
    let impersonationsEnded = 0;
    for (const session of running) {
      if (await endSessionIn(tx, record, session.id, { reason: "CONSENT_REVOKED", endedAt: now, endedBy: ctx.who }, ctx.config)) impersonationsEnded++;
    }
    await record({ type: "consent.revoked", subjectUserId: ctx.viewer.id, details: { grantId: grant.id, impersonationsEnded } });
    return { impersonationsEnded };
  },
});

/** Decline a pending request for access to one's account. */
export const declineAccessRequest = defineMutation({
  schema: declineRequestSchema,
  notWhileImpersonating: "declining a request for access",
  authorize() {}, // one's own requests (the query below finds no one else's)
  async run({ ctx, input, tx, record }) {
    const now = ctx.now();
    await lockUser(tx, ctx.viewer.id);
    const request = await tx.accessRequest.findFirst({
      where: { id: input.requestId, userId: ctx.viewer.id, status: "PENDING", expiresAt: { gt: now } },
      select: { id: true, requester: { select: { name: true } } },
    });
    if (!request) throw new ActionError(REQUEST_NOT_OPEN);
    await tx.accessRequest.update({ where: { id: request.id }, data: { status: "DECLINED", respondedAt: now } });
    await record({ type: "consent.declined", subjectUserId: ctx.viewer.id, details: { requestId: request.id, requester: request.requester.name } });
  },
});

/**
 * An administrator asks a user for access (the Impersonate window, when the organization requires
 * consent and the user has not granted it). Only someone the policy already lets impersonate the
 * user may ask; the organization's reason rule applies as it does to Confirm. The user is emailed
 * and sees the request on their Account page until they answer or it expires.
 */
export const requestAccess = defineMutation({
  schema: requestAccessSchema,
  notWhileImpersonating: "asking for access to an account",
  async authorize({ ctx, input, tx }) {
    const target = await loadAuthority(tx, input.targetId);
    const decision = target ? canImpersonate(ctx.authority, target, { actorIsImpersonating: false }) : ({ ok: false, reason: "other-organization" } as const);
    if (!decision.ok || !target)
      throw refused(DENIAL_MESSAGES[decision.ok ? "other-organization" : decision.reason], "asking for access to an account", target ? input.targetId : null);
    const settings = await loadImpersonationSettings(tx, ctx.viewer.organizationId, ctx.config);
    if (!settings.consentRequired) throw new ActionError(`Your organization does not require consent: you can impersonate ${target.name} without asking.`);
    const problem = reasonProblem(settings, input.reason);
    if (problem) throw new ActionError(FIX_FIELDS, { reason: [problem] });
    return { target };
  },
  async run({ ctx, input, tx, record, allowed: { target } }) {
    const now = ctx.now();
    await lockUser(tx, target.userId);
    const open = await tx.accessGrant.findFirst({ where: { userId: target.userId, revokedAt: null, expiresAt: { gt: now } }, select: { id: true } });
    if (open) throw new ActionError(`${target.name} has already granted access: you can impersonate them now.`);
    const waiting = await tx.accessRequest.findFirst({
      where: { userId: target.userId, requesterId: ctx.who.actorId, status: "PENDING", expiresAt: { gt: now } },
      select: { id: true },
    });
    if (waiting) throw new ActionError(`You have already asked ${target.name}; the request is waiting for their answer.`);
    const expiresAt = new Date(now.getTime() + ACCESS_REQUEST_TTL_SECONDS * 1000);
    const request = await tx.accessRequest.create({
      data: { organizationId: ctx.viewer.organizationId, userId: target.userId, requesterId: ctx.who.actorId, reason: input.reason, expiresAt },
      select: { id: true },
    });
    await record({ type: "consent.requested", subjectUserId: target.userId, details: { requestId: request.id, reason: input.reason } });
    const user = await tx.user.findUniqueOrThrow({ where: { id: target.userId }, select: { email: true, timeZone: true } });
    if (user.email) {
      await enqueueEmail(tx, {
        ...templated("access-request", {
          appName: ctx.config.APP_NAME,
          requesterName: ctx.viewer.name,
          userName: target.name,
          reason: input.reason,
          expiresAt: formatTime(expiresAt, "datetime", { timeZone: zoneOf(user.timeZone) }),
          accountPath: "/account",
        }),
        organizationId: ctx.viewer.organizationId,
        kind: "access-request",
        to: user.email,
        idempotencyKey: `access-request/${request.id}`,
      });
    }
    return { name: target.name, emailed: Boolean(user.email) };
  },
});
