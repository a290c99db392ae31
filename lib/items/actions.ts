"use server";
// The Server Actions of Items: each one mutation, then what the page should do next.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, revalidated } from "@/lib/server-action";
import { addComment, assignItem, changeItemStatus, createItem, updateItem } from "./mutations";

const itemPage = ({ itemId }: { itemId: string }) => `/items/${itemId}`;

export const createItemAction = formAction(createItem, (item) => {
  revalidatePath("/items");
  redirect(`/items/${item.id}`);
});
export const updateItemAction = formAction(updateItem, revalidated(itemPage, "Saved."));
export const changeItemStatusAction = formAction(changeItemStatus, revalidated(itemPage, "Status changed."));
export const assignItemAction = formAction(assignItem, revalidated(itemPage, "Assignee changed."));
export const addCommentAction = formAction(addComment, revalidated(itemPage, "Comment added."));
