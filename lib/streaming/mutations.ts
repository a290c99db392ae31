// Managing the organization's audit streams (Admin → Audit streaming): Global User Administrators
// only, never from inside an impersonation, each change recorded. An endpoint's URL is checked when
// it is saved (and again at every delivery): https in production, and no private address.
import { randomBytes } from "node:crypto";
import { ActionError, defineMutation, FIX_FIELDS, NOT_ALLOWED, refused, type Tx } from "@/lib/mutation";
import { isGlobalUserAdmin } from "@/lib/permissions/policy";
import { createEndpointSchema, endpointIdSchema, endpointStatusSchema, replaySchema } from "@/lib/validations/streaming";
import { urlProblem, vettedAddresses } from "./http";
import { streamRules } from "./outbox";
import { newSigningSecret } from "./sign";

/** How long a rotated-out secret keeps signing beside the new one. */
export const OLD_SECRET_SIGNS_FOR_MS = 24 * 60 * 60 * 1000;
export const NOT_FOUND = "No such endpoint: it may have been deleted.";

const WHAT = "managing audit streaming";

/** The viewer's organization's endpoint `id`, locked for the change. */
async function ownEndpoint(tx: Tx, organizationId: string, id: string) {
  const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "AuditStreamEndpoint" WHERE id = ${id} AND "organizationId" = ${organizationId} FOR UPDATE`;
  if (!row) throw new ActionError(NOT_FOUND);
  return tx.auditStreamEndpoint.findUniqueOrThrow({ where: { id }, select: { id: true, url: true, status: true, scope: true } });
}

const onlyGlobalAdmins = ({ ctx }: { ctx: Parameters<Parameters<typeof defineMutation>[0]["authorize"]>[0]["ctx"] }) => {
  if (!ctx.authority.active || !isGlobalUserAdmin(ctx.authority)) throw refused(NOT_ALLOWED, WHAT);
};

/** A new endpoint; its signing secret is returned once, and never shown again. */
export const createAuditEndpoint = defineMutation({
  schema: createEndpointSchema,
  notWhileImpersonating: WHAT,
  async authorize({ ctx, input }) {
    onlyGlobalAdmins({ ctx });
    const rules = streamRules(ctx.config);
    const problem = urlProblem(input.url, rules);
    if (problem) throw new ActionError(FIX_FIELDS, { url: [problem] });
    const vetted = await vettedAddresses(new URL(input.url).hostname, rules);
    if (!vetted.ok) throw new ActionError(FIX_FIELDS, { url: [vetted.reason] });
  },
  async run({ ctx, input, tx, record }) {
    const secret = newSigningSecret();
    const endpoint = await tx.auditStreamEndpoint.create({
      data: { organizationId: ctx.viewer.organizationId, url: input.url, scope: input.scope, secret, createdById: ctx.who.actorId },
      select: { id: true },
    });
    await record({ type: "stream.endpoint_added", details: { endpointId: endpoint.id, url: input.url, scope: input.scope } });
    return { id: endpoint.id, secret };
  },
});

/** A new secret, shown once; the old one keeps signing beside it for 24 hours. */
export const rotateAuditSecret = defineMutation({
  schema: endpointIdSchema,
  notWhileImpersonating: WHAT,
  authorize: onlyGlobalAdmins,
  async run({ ctx, input, tx, record }) {
    const endpoint = await ownEndpoint(tx, ctx.viewer.organizationId, input.endpointId);
    const current = await tx.auditStreamEndpoint.findUniqueOrThrow({ where: { id: endpoint.id }, select: { secret: true } });
    const secret = newSigningSecret();
    await tx.auditStreamEndpoint.update({
      where: { id: endpoint.id },
      data: { secret, previousSecret: current.secret, previousSecretUntil: new Date(ctx.now().getTime() + OLD_SECRET_SIGNS_FOR_MS) },
    });
    await record({ type: "stream.secret_rotated", details: { endpointId: endpoint.id, url: endpoint.url } });
    return { secret };
  },
});

/** Pause (messages queue up) or resume (they go, in order; a disabled endpoint starts again too). */
export const setAuditEndpointStatus = defineMutation({
  schema: endpointStatusSchema,
  notWhileImpersonating: WHAT,
  authorize: onlyGlobalAdmins,
  async run({ ctx, input, tx, record }) {
    const endpoint = await ownEndpoint(tx, ctx.viewer.organizationId, input.endpointId);
    if (endpoint.status === input.status) return { changed: false };
    await tx.auditStreamEndpoint.update({
      where: { id: endpoint.id },
      // Resumed: its failures start over, and what waits is due now.
      data: input.status === "ACTIVE" ? { status: "ACTIVE", failingSince: null, disabledAt: null } : { status: "PAUSED" },
    });
    if (input.status === "ACTIVE") await tx.auditDelivery.updateMany({ where: { endpointId: endpoint.id, status: "PENDING" }, data: { nextAttemptAt: ctx.now() } });
    await record({ type: input.status === "ACTIVE" ? "stream.endpoint_resumed" : "stream.endpoint_paused", details: { endpointId: endpoint.id, url: endpoint.url } });
    return { changed: true };
  },
});

/** Delete an endpoint and everything queued for it. */
export const deleteAuditEndpoint = defineMutation({
  schema: endpointIdSchema,
  notWhileImpersonating: WHAT,
  authorize: onlyGlobalAdmins,
  async run({ ctx, input, tx, record }) {
    const endpoint = await ownEndpoint(tx, ctx.viewer.organizationId, input.endpointId);
    await tx.auditStreamEndpoint.delete({ where: { id: endpoint.id } });
    await record({ type: "stream.endpoint_deleted", details: { endpointId: endpoint.id, url: endpoint.url } });
  },
});

/** Send test event: a "kaizen.test" message at the end of the endpoint's stream. */
export const sendAuditTestEvent = defineMutation({
  schema: endpointIdSchema,
  notWhileImpersonating: WHAT,
  authorize: onlyGlobalAdmins,
  async run({ ctx, input, tx }) {
    const endpoint = await ownEndpoint(tx, ctx.viewer.organizationId, input.endpointId);
    const messageId = `msg_test_${randomBytes(12).toString("hex")}`;
    const body = JSON.stringify({ type: "kaizen.test", timestamp: ctx.now().toISOString(), data: { endpointId: endpoint.id, sentBy: ctx.who.actorId } });
    await tx.auditDelivery.create({ data: { endpointId: endpoint.id, messageId, type: "kaizen.test", body } });
    return { messageId };
  },
});

/** Replay one message: the same webhook-id and body, again, at the end of the stream. */
export const replayAuditDelivery = defineMutation({
  schema: replaySchema,
  notWhileImpersonating: WHAT,
  authorize: onlyGlobalAdmins,
  async run({ ctx, input, tx }) {
    const delivery = await tx.auditDelivery.findFirst({
      where: { id: input.deliveryId, endpoint: { organizationId: ctx.viewer.organizationId } },
      select: { endpointId: true, messageId: true, eventId: true, type: true, body: true },
    });
    if (!delivery) throw new ActionError("No such delivery: its endpoint may have been deleted.");
    await tx.auditDelivery.create({ data: delivery });
  },
});
