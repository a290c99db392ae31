import { z } from "zod";
import { ItemStatus } from "@/lib/generated/prisma/enums";
import { idSchema, text } from "./common";

/** A Board's saved filter of Items. "me" as assignee means the Board's owner. */
export const boardFiltersSchema = z.object({
  statuses: z.array(z.enum(ItemStatus)).max(4).optional(),
  locationId: text().max(64).optional(),
  assigneeId: text().max(64).optional(),
  query: text().trim().max(100).optional(),
});
export type BoardFilters = z.infer<typeof boardFiltersSchema>;

const name = text({ error: "Name the Board." }).trim().min(1, "Name the Board.").max(100, "At most 100 characters.");
const empty = (v: string | undefined) => (v ? v : undefined);

/** The filter fields as a form sends them. */
const filterFields = {
  "statuses[]": z.array(z.enum(ItemStatus, { error: "Unknown status." })).max(4).optional(),
  locationId: text().trim().max(64).optional().transform(empty),
  assigneeId: text().trim().max(64).optional().transform(empty),
  query: text().trim().max(100, "At most 100 characters.").optional().transform(empty),
};

function toFilters(input: { "statuses[]"?: ItemStatus[]; locationId?: string; assigneeId?: string; query?: string }): BoardFilters {
  const filters: BoardFilters = {};
  if (input["statuses[]"]?.length) filters.statuses = [...new Set(input["statuses[]"])];
  if (input.locationId) filters.locationId = input.locationId;
  if (input.assigneeId) filters.assigneeId = input.assigneeId;
  if (input.query) filters.query = input.query;
  return filters;
}

export const createBoardSchema = z.object({ name, ...filterFields }).transform((v) => ({ name: v.name, filters: toFilters(v) }));
export const updateBoardFiltersSchema = z
  .object({ boardId: idSchema, ...filterFields })
  .transform((v) => ({ boardId: v.boardId, filters: toFilters(v) }));
export const renameBoardSchema = z.object({ boardId: idSchema, name });
export const boardIdSchema = z.object({ boardId: idSchema });
