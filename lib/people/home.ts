import "server-only";
import { db } from "@/lib/db";
import type { CurrentUser } from "@/lib/auth/session";

/** What the home page shows the viewer, scoped to the viewer's organization. */
export async function getHomeSummary(viewer: CurrentUser) {
  const [me, people, assignedItems, boards] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: viewer.id },
      select: { organization: { select: { name: true } }, location: { select: { name: true } } },
    }),
    db.user.count({ where: { organizationId: viewer.organizationId, active: true } }),
    db.item.count({ where: { organizationId: viewer.organizationId, assigneeId: viewer.id, status: { not: "DONE" } } }),
    db.board.count({ where: { ownerId: viewer.id, deletedAt: null } }),
  ]);
  return { organizationName: me.organization.name, locationName: me.location.name, people, assignedItems, boards };
}
