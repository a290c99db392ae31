"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/lib/auth/action";
import { db } from "@/lib/db";
import { addComment, assignItem, changeItemStatus, createItem, updateItem } from "@/lib/items/service";
import { assignItemSchema, changeStatusSchema, commentSchema, createItemSchema, updateItemSchema } from "@/lib/validations/items";

export const createItemAction = authedAction(createItemSchema, async (input, { who }) => {
  const item = await createItem(db, who, input);
  revalidatePath("/items");
  redirect(`/items/${item.id}`);
});

export const updateItemAction = authedAction(updateItemSchema, async (input, { who }) => {
  await updateItem(db, who, input);
  revalidatePath(`/items/${input.itemId}`);
  return { ok: true, message: "Saved." };
});

export const changeItemStatusAction = authedAction(changeStatusSchema, async (input, { who }) => {
  await changeItemStatus(db, who, input);
  revalidatePath(`/items/${input.itemId}`);
  return { ok: true, message: "Status changed." };
});

export const assignItemAction = authedAction(assignItemSchema, async (input, { who }) => {
  await assignItem(db, who, input);
  revalidatePath(`/items/${input.itemId}`);
  return { ok: true, message: "Assignee changed." };
});

export const addCommentAction = authedAction(commentSchema, async (input, { who }) => {
  await addComment(db, who, input);
  revalidatePath(`/items/${input.itemId}`);
  return { ok: true, message: "Comment added." };
});
