// Item changes. Anyone in the organization may work on its Items; every change and its Item
// Timeline event are written in one transaction, attributed to the effective user and true actor.
import type { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ActionError, FIX_FIELDS } from "@/lib/auth/action-error";
import { recordEvent, type Attribution } from "@/lib/timeline/record-event";
import type { assignItemSchema, changeStatusSchema, commentSchema, createItemSchema, updateItemSchema } from "@/lib/validations/items";

type Db = PrismaClient;
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

async function requireLocation(db: Db | Tx, organizationId: string, locationId: string) {
  const location = await db.location.findFirst({ where: { id: locationId, organizationId }, select: { id: true, name: true } });
  if (!location) throw new ActionError(FIX_FIELDS, { locationId: ["Choose a Location from the list."] });
  return location;
}

async function requireAssignee(db: Db | Tx, organizationId: string, assigneeId: string | null) {
  if (!assigneeId) return null;
  const user = await db.user.findFirst({ where: { id: assigneeId, organizationId, active: true }, select: { id: true, name: true } });
  if (!user) throw new ActionError(FIX_FIELDS, { assigneeId: ["Choose someone from the list."] });
  return user;
}

/** The Item, locked for this transaction, only if it is in the actor's organization. */
async function lockItem(tx: Tx, organizationId: string, itemId: string) {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Item" WHERE id = ${itemId} AND "organizationId" = ${organizationId} FOR UPDATE`;
  if (rows.length === 0) throw new ActionError("That Item does not exist.");
  return tx.item.findUniqueOrThrow({
    where: { id: itemId },
    select: { id: true, title: true, description: true, status: true, locationId: true, assignee: { select: { id: true, name: true } }, location: { select: { name: true } } },
  });
}

export async function createItem(db: Db, who: Attribution, input: z.output<typeof createItemSchema>) {
  const location = await requireLocation(db, who.organizationId, input.locationId);
  const assignee = await requireAssignee(db, who.organizationId, input.assigneeId);
  return db.$transaction(async (tx) => {
    const item = await tx.item.create({
      data: {
        organizationId: who.organizationId,
        title: input.title,
        description: input.description,
        status: input.status,
        locationId: location.id,
        assigneeId: assignee?.id ?? null,
        createdById: who.userId,
      },
      select: { id: true },
    });
    await recordEvent(tx, who, {
      scope: "ITEM",
      type: "item.created",
      itemId: item.id,
      details: { title: input.title, status: input.status, location: location.name, assignee: assignee?.name ?? null },
    });
    return item;
  });
}

export async function updateItem(db: Db, who: Attribution, input: z.output<typeof updateItemSchema>) {
  const location = await requireLocation(db, who.organizationId, input.locationId);
  await db.$transaction(async (tx) => {
    const before = await lockItem(tx, who.organizationId, input.itemId);
    const changes: Record<string, { from: string; to: string }> = {};
    if (before.title !== input.title) changes.title = { from: before.title, to: input.title };
    if (before.description !== input.description) changes.description = { from: before.description, to: input.description };
    if (before.locationId !== location.id) changes.location = { from: before.location.name, to: location.name };
    if (Object.keys(changes).length === 0) return;
    await tx.item.update({ where: { id: input.itemId }, data: { title: input.title, description: input.description, locationId: location.id } });
    await recordEvent(tx, who, { scope: "ITEM", type: "item.updated", itemId: input.itemId, details: { changes } });
  });
}

export async function changeItemStatus(db: Db, who: Attribution, input: z.output<typeof changeStatusSchema>) {
  await db.$transaction(async (tx) => {
    const before = await lockItem(tx, who.organizationId, input.itemId);
    if (before.status === input.status) return;
    await tx.item.update({ where: { id: input.itemId }, data: { status: input.status } });
    await recordEvent(tx, who, { scope: "ITEM", type: "item.status_changed", itemId: input.itemId, details: { from: before.status, to: input.status } });
  });
}

export async function assignItem(db: Db, who: Attribution, input: z.output<typeof assignItemSchema>) {
  const assignee = await requireAssignee(db, who.organizationId, input.assigneeId);
  await db.$transaction(async (tx) => {
    const before = await lockItem(tx, who.organizationId, input.itemId);
    if ((before.assignee?.id ?? null) === (assignee?.id ?? null)) return;
    await tx.item.update({ where: { id: input.itemId }, data: { assigneeId: assignee?.id ?? null } });
    await recordEvent(tx, who, {
      scope: "ITEM",
      type: "item.assigned",
      itemId: input.itemId,
      details: { from: before.assignee?.name ?? null, to: assignee?.name ?? null },
    });
  });
}

export async function addComment(db: Db, who: Attribution, input: z.output<typeof commentSchema>) {
  await db.$transaction(async (tx) => {
    await lockItem(tx, who.organizationId, input.itemId);
    const comment = await tx.comment.create({
      data: { itemId: input.itemId, authorId: who.userId, actorId: who.actorId, impersonationSessionId: who.impersonationSessionId ?? null, body: input.body },
      select: { id: true },
    });
    await tx.item.update({ where: { id: input.itemId }, data: { updatedAt: new Date() } });
    await recordEvent(tx, who, {
      scope: "ITEM",
      type: "item.commented",
      itemId: input.itemId,
      details: { commentId: comment.id, excerpt: input.body.length > 120 ? `${input.body.slice(0, 117)}…` : input.body },
    });
  });
}
