// Reading Boards: the viewer's own only. A Board that is not yours does not exist for you.
import "server-only";
import type { RequestContext } from "@/lib/context";
import { listAssigneeOptions } from "@/lib/items/queries";
import { itemStatusOptions } from "@/lib/items/status";
import { listLocationOptions } from "@/lib/locations/queries";
import { boardFiltersSchema } from "@/lib/validations/boards";

export async function getOwnBoard({ db, viewer }: RequestContext, boardId: string) {
  const board = await db.board.findFirst({
    where: { id: boardId, ownerId: viewer.id, organizationId: viewer.organizationId, deletedAt: null },
    select: { id: true, name: true, filters: true, createdAt: true, updatedAt: true },
  });
  if (!board) return null;
  const parsed = boardFiltersSchema.safeParse(board.filters);
  return { ...board, filters: parsed.success ? parsed.data : {} };
}

export async function listOwnBoards({ db, viewer }: RequestContext) {
  return db.board.findMany({
    where: { ownerId: viewer.id, organizationId: viewer.organizationId, deletedAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true, filters: true, updatedAt: true },
  });
}

/** The choices a Board filter offers the viewer. */
export async function boardFilterOptions(ctx: RequestContext) {
  const [locations, people] = await Promise.all([listLocationOptions(ctx), listAssigneeOptions(ctx)]);
  return { statuses: itemStatusOptions(), locations, people };
}
