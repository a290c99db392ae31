// The user changes of Impersonation Mode: confirming (which records a pending request for the
// re-login) and an administrator ending someone's impersonation. Both go through the one pipeline.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { openGrants } from "@/lib/consent/queries";
import { ActionError, defineMutation, FIX_FIELDS, NOT_ALLOWED, Refusal, refused } from "@/lib/mutation";
import { loadImpersonationSettings } from "@/lib/organization/queries";
import { reasonProblem } from "@/lib/organization/settings";
import { loadAuthority } from "@/lib/permissions/authority";
import { canManageUser } from "@/lib/permissions/policy";
import { confirmImpersonationSchema, impersonationSessionIdSchema } from "@/lib/validations/impersonation";
import { canImpersonate, DENIAL_MESSAGES } from "./policy";
import { visibleImpersonations } from "./queries";
import { endSessionIn } from "./end";
import { actorAttribution } from "./lifecycle";
import { denialEvent, hashToken } from "./start";

/**
 * Confirm in the Impersonate window: authorise (the icon being shown proves nothing: this is
 * reachable by a direct POST), then record a single-use request bound to the true actor, expiring
 * after the request TTL. Returns the token for the actor's cookie (only its hash is stored). A
 * refusal is recorded in the Admin Timeline.
 */
export const confirmImpersonation = defineMutation({
  schema: confirmImpersonationSchema,
  async authorize({ ctx, input, tx }) {
    const actor = { id: ctx.who.actorId, organizationId: ctx.who.organizationId };
    const target = await loadAuthority(tx, input.targetId);
    const decision = target
      ? canImpersonate(ctx.authority, target, { actorIsImpersonating: Boolean(ctx.impersonation) })
      : ({ ok: false, reason: "other-organization" } as const);
    if (!decision.ok) {
      throw new Refusal(DENIAL_MESSAGES[decision.reason], await denialEvent(tx, actor, input.targetId, decision.reason, "confirm"), actorAttribution(actor));
    }
    const settings = await loadImpersonationSettings(tx, ctx.viewer.organizationId, ctx.config);
    // The organization may require the user's consent: an open grant of theirs (asked again at the re-login).
    if (settings.consentRequired && !(await openGrants(tx, [input.targetId], ctx.now())).has(input.targetId)) {
      throw new Refusal(DENIAL_MESSAGES["no-consent"], await denialEvent(tx, actor, input.targetId, "no-consent", "confirm"), actorAttribution(actor));
    }
    // The organization may require a reason (of some length) before anyone is impersonated.
    const problem = reasonProblem(settings, input.reason);
    if (problem) throw new ActionError(FIX_FIELDS, { reason: [problem] });
    return { actor };
  },
  async run({ ctx, input, tx, record, allowed: { actor } }) {
    const token = randomBytes(32).toString("base64url");
    // One outstanding request per actor: a new confirmation replaces any earlier one (confirmations
    // by one actor take turns on the actor's row, so two at once cannot both stay pending).
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${actor.id} FOR UPDATE`;
    await tx.impersonationRequest.updateMany({ where: { actorId: actor.id, status: "PENDING" }, data: { status: "CANCELLED" } });
    await tx.impersonationRequest.create({
      data: {
        organizationId: actor.organizationId,
        actorId: actor.id,
        targetId: input.targetId,
        reason: input.reason,
        tokenHash: hashToken(token),
        expiresAt: new Date(ctx.now().getTime() + ctx.config.IMPERSONATION_REQUEST_TTL_SECONDS * 1000),
      },
    });
    await record({ type: "impersonation.requested", subjectUserId: input.targetId, details: { reason: input.reason } }, actorAttribution(actor));
    return { token };
  },
});

export const NOT_ACTIVE = "That impersonation is not active any more.";

/**
 * An administrator ends someone's active impersonation (one whose target they may manage), as
 * themselves: not from inside one (as someone else).
 */
export const revokeImpersonation = defineMutation({
  schema: impersonationSessionIdSchema,
  notWhileImpersonating: "ending an impersonation",
  async authorize({ ctx, input, tx }) {
    if (!ctx.authority.active || !ctx.scope.isUserAdmin) throw refused(NOT_ALLOWED, "ending an impersonation");
    const session = await tx.impersonationSession.findFirst({
      where: { id: input.sessionId, organizationId: ctx.viewer.organizationId },
      select: { status: true, targetId: true },
    });
    if (!session) throw refused(NOT_ACTIVE, "ending an impersonation");
    const target = await loadAuthority(tx, session.targetId);
    if (!target || !canManageUser(ctx.authority, target).ok) throw refused(NOT_ALLOWED, "ending an impersonation");
    if (session.status !== "ACTIVE") throw new ActionError(NOT_ACTIVE);
  },
  async run({ ctx, input, tx, record }) {
    const ended = await endSessionIn(tx, record, input.sessionId, { reason: "REVOKED", endedAt: ctx.now(), endedBy: ctx.who }, ctx.config);
    if (!ended) throw new ActionError(NOT_ACTIVE);
  },
});

/**
 * End all active: every active impersonation the administrator may end (the console's, those of
 * people they may manage), each ended and recorded as if ended one by one.
 */
export const revokeAllImpersonations = defineMutation({
  schema: z.object({}),
  notWhileImpersonating: "ending every impersonation",
  authorize({ ctx }) {
    if (!ctx.authority.active || !ctx.scope.isUserAdmin) throw refused(NOT_ALLOWED, "ending every impersonation");
  },
  async run({ ctx, tx, record }) {
    const active = await tx.impersonationSession.findMany({ where: { AND: [visibleImpersonations(ctx), { status: "ACTIVE" }] }, select: { id: true } });
    let ended = 0;
    for (const session of active) {
      if (await endSessionIn(tx, record, session.id, { reason: "REVOKED", endedAt: ctx.now(), endedBy: ctx.who }, ctx.config)) ended++;
    }
    return { ended };
  },
});
