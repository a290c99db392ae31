// Item changes. Anyone in the organization may work on its Items (the authorisation is that the
// Item, its Location and its assignee are in the viewer's organization); every change is recorded
// in the Item Timeline as the effective user, with the true actor.
import { ActionError, defineMutation, FIX_FIELDS, type Tx } from "@/lib/mutation";
import { assignItemSchema, changeStatusSchema, commentSchema, createItemSchema, updateItemSchema } from "@/lib/validations/items";

async function requireLocation(tx: Tx, organizationId: string, locationId: string) {
  const location = await tx.location.findFirst({ where: { id: locationId, organizationId }, select: { id: true, name: true } });
  if (!location) throw new ActionError(FIX_FIELDS, { locationId: ["Choose a Location from the list."] });
  return location;
}

async function requireAssignee(tx: Tx, organizationId: string, assigneeId: string | null) {
  if (!assigneeId) return null;
  const user = await tx.user.findFirst({ where: { id: assigneeId, organizationId, active: true }, select: { id: true, name: true } });
  if (!user) throw new ActionError(FIX_FIELDS, { assigneeId: ["Choose someone from the list."] });
  return user;
}

/** The Item, locked for this transaction, only if it is in the viewer's organization. */
async function lockItem(tx: Tx, organizationId: string, itemId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Item" WHERE id = ${itemId} AND "organizationId" = ${organizationId} FOR UPDATE`;
  if (rows.length === 0) throw new ActionError("That Item does not exist.");
  return tx.item.findUniqueOrThrow({
    where: { id: itemId },
    select: { id: true, title: true, description: true, status: true, locationId: true, assignee: { select: { id: true, name: true } }, location: { select: { name: true } } },
  });
}

export const createItem = defineMutation({
  schema: createItemSchema,
  async authorize({ ctx, input, tx }) {
    const org = ctx.viewer.organizationId;
    return { location: await requireLocation(tx, org, input.locationId), assignee: await requireAssignee(tx, org, input.assigneeId) };
  },
  async run({ ctx, input, tx, record, allowed: { location, assignee } }) {
    const item = await tx.item.create({
      data: {
        organizationId: ctx.viewer.organizationId,
        title: input.title,
        description: input.description,
        status: input.status,
        locationId: location.id,
        assigneeId: assignee?.id ?? null,
        createdById: ctx.viewer.id,
      },
      select: { id: true },
    });
    await record({
      type: "item.created",
      itemId: item.id,
      details: { title: input.title, status: input.status, location: location.name, assignee: assignee?.name ?? null },
    });
    return item;
  },
});

export const updateItem = defineMutation({
  schema: updateItemSchema,
  async authorize({ ctx, input, tx }) {
    return { location: await requireLocation(tx, ctx.viewer.organizationId, input.locationId), before: await lockItem(tx, ctx.viewer.organizationId, input.itemId) };
  },
  async run({ input, tx, record, allowed: { location, before } }) {
    const changes: Partial<Record<"title" | "description" | "location", { from: string; to: string }>> = {};
    if (before.title !== input.title) changes.title = { from: before.title, to: input.title };
    if (before.description !== input.description) changes.description = { from: before.description, to: input.description };
    if (before.locationId !== location.id) changes.location = { from: before.location.name, to: location.name };
    if (Object.keys(changes).length === 0) return;
    await tx.item.update({ where: { id: input.itemId }, data: { title: input.title, description: input.description, locationId: location.id } });
    await record({ type: "item.updated", itemId: input.itemId, details: { changes } });
  },
});

export const changeItemStatus = defineMutation({
  schema: changeStatusSchema,
  authorize: async ({ ctx, input, tx }) => ({ before: await lockItem(tx, ctx.viewer.organizationId, input.itemId) }),
  async run({ input, tx, record, allowed: { before } }) {
    if (before.status === input.status) return;
    await tx.item.update({ where: { id: input.itemId }, data: { status: input.status } });
    await record({ type: "item.status_changed", itemId: input.itemId, details: { from: before.status, to: input.status } });
  },
});

export const assignItem = defineMutation({
  schema: assignItemSchema,
  async authorize({ ctx, input, tx }) {
    const org = ctx.viewer.organizationId;
    return { assignee: await requireAssignee(tx, org, input.assigneeId), before: await lockItem(tx, org, input.itemId) };
  },
  async run({ input, tx, record, allowed: { assignee, before } }) {
    if ((before.assignee?.id ?? null) === (assignee?.id ?? null)) return;
    await tx.item.update({ where: { id: input.itemId }, data: { assigneeId: assignee?.id ?? null } });
    await record({ type: "item.assigned", itemId: input.itemId, details: { from: before.assignee?.name ?? null, to: assignee?.name ?? null } });
  },
});

export const addComment = defineMutation({
  schema: commentSchema,
  authorize: async ({ ctx, input, tx }) => ({ item: await lockItem(tx, ctx.viewer.organizationId, input.itemId) }),
  async run({ ctx, input, tx, record }) {
    const comment = await tx.comment.create({
      data: {
        itemId: input.itemId,
        authorId: ctx.who.userId,
        actorId: ctx.who.actorId,
        impersonationSessionId: ctx.who.impersonationSessionId ?? null,
        body: input.body,
      },
      select: { id: true },
    });
    await tx.item.update({ where: { id: input.itemId }, data: { updatedAt: new Date() } });
    await record({
      type: "item.commented",
      itemId: input.itemId,
      details: { commentId: comment.id, excerpt: input.body.length > 120 ? `${input.body.slice(0, 117)}…` : input.body },
    });
  },
});
