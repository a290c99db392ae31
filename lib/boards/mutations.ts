// Boards are personal: only the owner may change one (for anyone else, the owner's administrators
// included, it does not exist: an administrator who must fix someone's Board impersonates them).
// Each change is recorded in the Board Timeline.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { RequestContext } from "@/lib/context";
import { ActionError, defineMutation, FIX_FIELDS, type Tx } from "@/lib/mutation";
import { boardIdSchema, createBoardSchema, renameBoardSchema, updateBoardFiltersSchema, type BoardFilters } from "@/lib/validations/boards";

/** Filters may only name Locations and people of the owner's organization. */
async function checkFilters(tx: Tx, organizationId: string, filters: BoardFilters) {
  const errors: Record<string, string[]> = {};
  if (filters.locationId) {
    const found = await tx.location.count({ where: { id: filters.locationId, organizationId } });
    if (!found) errors.locationId = ["Choose a Location from the list."];
  }
  if (filters.assigneeId && filters.assigneeId !== "me" && filters.assigneeId !== "none") {
    const found = await tx.user.count({ where: { id: filters.assigneeId, organizationId } });
    if (!found) errors.assigneeId = ["Choose someone from the list."];
  }
  if (Object.keys(errors).length) throw new ActionError(FIX_FIELDS, errors);
}

/** The viewer's own Board, locked for this transaction; anyone else's does not exist. */
async function lockOwnBoard(tx: Tx, ctx: RequestContext, boardId: string) {
  const rows = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT id, name FROM "Board"
     WHERE id = ${boardId} AND "ownerId" = ${ctx.viewer.id} AND "organizationId" = ${ctx.viewer.organizationId} AND "deletedAt" IS NULL
       FOR UPDATE`;
  if (rows.length === 0) throw new ActionError("That Board does not exist.");
  return rows[0]!;
}

export const createBoard = defineMutation({
  schema: createBoardSchema,
  authorize: ({ ctx, input, tx }) => checkFilters(tx, ctx.viewer.organizationId, input.filters),
  async run({ ctx, input, tx, record }) {
    const board = await tx.board.create({
      data: { organizationId: ctx.viewer.organizationId, ownerId: ctx.viewer.id, name: input.name, filters: input.filters as Prisma.InputJsonObject },
      select: { id: true },
    });
    await record({ type: "board.created", boardId: board.id, details: { name: input.name, filters: input.filters } });
    return board;
  },
});

export const renameBoard = defineMutation({
  schema: renameBoardSchema,
  authorize: async ({ ctx, input, tx }) => ({ before: await lockOwnBoard(tx, ctx, input.boardId) }),
  async run({ input, tx, record, allowed: { before } }) {
    if (before.name === input.name) return;
    await tx.board.update({ where: { id: input.boardId }, data: { name: input.name } });
    await record({ type: "board.renamed", boardId: input.boardId, details: { from: before.name, to: input.name } });
  },
});

export const updateBoardFilters = defineMutation({
  schema: updateBoardFiltersSchema,
  async authorize({ ctx, input, tx }) {
    await checkFilters(tx, ctx.viewer.organizationId, input.filters);
    await lockOwnBoard(tx, ctx, input.boardId);
  },
  async run({ input, tx, record }) {
    await tx.board.update({ where: { id: input.boardId }, data: { filters: input.filters as Prisma.InputJsonObject } });
    await record({ type: "board.filters_changed", boardId: input.boardId, details: { filters: input.filters } });
  },
});

export const deleteBoard = defineMutation({
  schema: boardIdSchema,
  authorize: async ({ ctx, input, tx }) => ({ board: await lockOwnBoard(tx, ctx, input.boardId) }),
  async run({ input, tx, record, allowed: { board } }) {
    await tx.board.update({ where: { id: input.boardId }, data: { deletedAt: new Date() } });
    await record({ type: "board.deleted", boardId: input.boardId, details: { name: board.name } });
  },
});
