"use server";
// The Server Actions of Boards.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, revalidated } from "@/lib/server-action";
import { createBoard, deleteBoard, renameBoard, updateBoardFilters } from "./mutations";

const boardPage = ({ boardId }: { boardId: string }) => `/boards/${boardId}`;

export const createBoardAction = formAction(createBoard, (board) => {
  revalidatePath("/boards");
  redirect(`/boards/${board.id}`);
});
export const renameBoardAction = formAction(renameBoard, revalidated(boardPage, "Renamed."));
export const updateBoardFiltersAction = formAction(updateBoardFilters, revalidated(boardPage, "Filters saved."));
export const deleteBoardAction = formAction(deleteBoard, () => {
  revalidatePath("/boards");
  redirect("/boards?deleted=1");
});
