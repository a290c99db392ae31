"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/lib/auth/action";
import { createBoard, deleteBoard, renameBoard, updateBoardFilters } from "@/lib/boards/service";
import { db } from "@/lib/db";
import { boardIdSchema, createBoardSchema, renameBoardSchema, updateBoardFiltersSchema } from "@/lib/validations/boards";

export const createBoardAction = authedAction(createBoardSchema, async (input, { who }) => {
  const board = await createBoard(db, who, input);
  revalidatePath("/boards");
  redirect(`/boards/${board.id}`);
});

export const renameBoardAction = authedAction(renameBoardSchema, async (input, { who }) => {
  await renameBoard(db, who, input);
  revalidatePath(`/boards/${input.boardId}`);
  return { ok: true, message: "Renamed." };
});

export const updateBoardFiltersAction = authedAction(updateBoardFiltersSchema, async (input, { who }) => {
  await updateBoardFilters(db, who, input);
  revalidatePath(`/boards/${input.boardId}`);
  return { ok: true, message: "Filters saved." };
});

export const deleteBoardAction = authedAction(boardIdSchema, async ({ boardId }, { who }) => {
  await deleteBoard(db, who, boardId);
  revalidatePath("/boards");
  redirect("/boards?deleted=1");
});
