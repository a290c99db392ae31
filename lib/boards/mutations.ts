// Boards are personal: only the owner may see or change one. Anyone else, the owner's
// administrators included, is told it does not exist (an administrator who must fix someone's
// Board impersonates them). Each change and its Board Timeline event share one transaction.
import type { z } from "zod";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { ActionError, FIX_FIELDS } from "@/lib/auth/action-error";
import { recordEvent, type Attribution } from "@/lib/timeline/record-event";
import {
  boardFiltersSchema,
  type BoardFilters,
  type createBoardSchema,
  type renameBoardSchema,
  type updateBoardFiltersSchema,
} from "@/lib/validations/boards";

type Db = PrismaClient;
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** The viewer's own Board, or null: a Board that is not yours does not exist for you. */
export async function getOwnBoard(db: Pick<Db, "board">, viewer: { id: string; organizationId: string }, boardId: string) {
  const board = await db.board.findFirst({
    where: { id: boardId, ownerId: viewer.id, organizationId: viewer.organizationId, deletedAt: null },
    select: { id: true, name: true, filters: true, createdAt: true, updatedAt: true },
  });
  if (!board) return null;
  const parsed = boardFiltersSchema.safeParse(board.filters);
  return { ...board, filters: parsed.success ? parsed.data : {} };
}

export async function listOwnBoards(db: Pick<Db, "board">, viewer: { id: string }) {
  return db.board.findMany({
    where: { ownerId: viewer.id, deletedAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, filters: true, updatedAt: true },
  });
}

/** Filters may only name Locations and people of the owner's organization. */
async function checkFilters(db: Db | Tx, organizationId: string, filters: BoardFilters) {
  const errors: Record<string, string[]> = {};
  if (filters.locationId) {
    const found = await db.location.count({ where: { id: filters.locationId, organizationId } });
    if (!found) errors.locationId = ["Choose a Location from the list."];
  }
  if (filters.assigneeId && filters.assigneeId !== "me" && filters.assigneeId !== "none") {
    const found = await db.user.count({ where: { id: filters.assigneeId, organizationId } });
    if (!found) errors.assigneeId = ["Choose someone from the list."];
  }
  if (Object.keys(errors).length) throw new ActionError(FIX_FIELDS, errors);
}

async function lockOwnBoard(tx: Tx, who: Attribution, boardId: string) {
  const rows = await tx.$queryRaw<{ id: string; name: string }[]>`
    SELECT id, name FROM "Board"
     WHERE id = ${boardId} AND "ownerId" = ${who.userId} AND "organizationId" = ${who.organizationId} AND "deletedAt" IS NULL
       FOR UPDATE`;
  if (rows.length === 0) throw new ActionError("That Board does not exist.");
  return rows[0]!;
}

export async function createBoard(db: Db, who: Attribution, input: z.output<typeof createBoardSchema>) {
  await checkFilters(db, who.organizationId, input.filters);
  return db.$transaction(async (tx) => {
    const board = await tx.board.create({
      data: { organizationId: who.organizationId, ownerId: who.userId, name: input.name, filters: input.filters as Prisma.InputJsonObject },
      select: { id: true },
    });
    await recordEvent(tx, who, { scope: "BOARD", type: "board.created", boardId: board.id, details: { name: input.name, filters: input.filters } });
    return board;
  });
}

export async function renameBoard(db: Db, who: Attribution, input: z.output<typeof renameBoardSchema>) {
  await db.$transaction(async (tx) => {
    const before = await lockOwnBoard(tx, who, input.boardId);
    if (before.name === input.name) return;
    await tx.board.update({ where: { id: input.boardId }, data: { name: input.name } });
    await recordEvent(tx, who, { scope: "BOARD", type: "board.renamed", boardId: input.boardId, details: { from: before.name, to: input.name } });
  });
}

export async function updateBoardFilters(db: Db, who: Attribution, input: z.output<typeof updateBoardFiltersSchema>) {
  await checkFilters(db, who.organizationId, input.filters);
  await db.$transaction(async (tx) => {
    await lockOwnBoard(tx, who, input.boardId);
    await tx.board.update({ where: { id: input.boardId }, data: { filters: input.filters as Prisma.InputJsonObject } });
    await recordEvent(tx, who, { scope: "BOARD", type: "board.filters_changed", boardId: input.boardId, details: { filters: input.filters } });
  });
}

export async function deleteBoard(db: Db, who: Attribution, boardId: string) {
  await db.$transaction(async (tx) => {
    const board = await lockOwnBoard(tx, who, boardId);
    await tx.board.update({ where: { id: boardId }, data: { deletedAt: new Date() } });
    await recordEvent(tx, who, { scope: "BOARD", type: "board.deleted", boardId, details: { name: board.name } });
  });
}
