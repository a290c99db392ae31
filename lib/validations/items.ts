import { z } from "zod";
import { ItemStatus } from "@/lib/generated/prisma/enums";
import { idSchema, optionalIdSchema, text } from "./common";

const itemStatusSchema = z.enum(ItemStatus, { error: "Choose a status." });

const title = text({ error: "Enter a title." }).trim().min(1, "Enter a title.").max(200, "At most 200 characters.");
const description = text().trim().max(5000, "At most 5,000 characters.").optional().transform((v) => v ?? "");

export const createItemSchema = z.object({
  title,
  description,
  locationId: text({ error: "Choose a Location." }).trim().min(1, "Choose a Location.").max(64),
  assigneeId: optionalIdSchema,
  status: itemStatusSchema.optional().transform((s) => s ?? "NEW"),
});

export const updateItemSchema = z.object({ itemId: idSchema, title, description, locationId: idSchema });
export const changeStatusSchema = z.object({ itemId: idSchema, status: itemStatusSchema });
export const assignItemSchema = z.object({ itemId: idSchema, assigneeId: optionalIdSchema });
export const commentSchema = z.object({
  itemId: idSchema,
  body: text({ error: "Write a comment." }).trim().min(1, "Write a comment.").max(5000, "At most 5,000 characters."),
});

/** Item list filters (query parameters); anything malformed is ignored. */
export const itemFiltersSchema = z.object({
  status: itemStatusSchema.optional().catch(undefined),
  location: text().max(64).optional().catch(undefined),
  assignee: text().max(64).optional().catch(undefined),
  q: text().trim().max(100).optional().catch(undefined),
});
