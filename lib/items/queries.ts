// Named reads of Items, scoped to the viewer's organization inside.
import "server-only";
import type { RequestContext } from "@/lib/context";
import type { ItemStatus } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Option } from "@/lib/locations/queries";
import type { BoardFilters } from "@/lib/validations/boards";

const itemListSelect = {
  id: true,
  title: true,
  status: true,
  updatedAt: true,
  location: { select: { id: true, name: true } },
  assignee: { select: { id: true, name: true } },
} satisfies Prisma.ItemSelect;

export type ItemRow = Prisma.ItemGetPayload<{ select: typeof itemListSelect }>;

export type ItemFilter = {
  status?: ItemStatus[];
  locationId?: string;
  /** A user id, "me" (the viewer) or "none". */
  assigneeId?: string;
  query?: string;
};

/** Items matching a filter: Location includes the Locations below it. */
export async function findItems({ db, viewer }: RequestContext, filter: ItemFilter, take = 200) {
  const and: Prisma.ItemWhereInput[] = [{ organizationId: viewer.organizationId }];
  if (filter.status?.length) and.push({ status: { in: filter.status } });
  if (filter.locationId) {
    const location = await db.location.findFirst({ where: { id: filter.locationId, organizationId: viewer.organizationId }, select: { path: true } });
    and.push(location ? { location: { path: { startsWith: location.path } } } : { id: "" });
  }
  if (filter.assigneeId === "none") and.push({ assigneeId: null });
  else if (filter.assigneeId) and.push({ assigneeId: filter.assigneeId === "me" ? viewer.id : filter.assigneeId });
  if (filter.query) {
    and.push({ OR: [{ title: { contains: filter.query, mode: "insensitive" } }, { description: { contains: filter.query, mode: "insensitive" } }] });
  }
  return db.item.findMany({ where: { AND: and }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take, select: itemListSelect });
}

export function boardFilterToItemFilter(filters: BoardFilters): ItemFilter {
  return { status: filters.statuses, locationId: filters.locationId, assigneeId: filters.assigneeId, query: filters.query };
}

export async function getItem({ db, viewer }: RequestContext, itemId: string) {
  return db.item.findFirst({
    where: { id: itemId, organizationId: viewer.organizationId },
    select: {
      id: true,
      title: true,
      description: true,
      status: true,
      createdAt: true,
      updatedAt: true,
      locationId: true,
      assigneeId: true,
      location: { select: { id: true, name: true } },
      assignee: { select: { id: true, name: true } },
      createdBy: { select: { id: true, name: true } },
      comments: {
        orderBy: { createdAt: "asc" },
        select: { id: true, body: true, createdAt: true, author: { select: { id: true, name: true } } },
      },
    },
  });
}

/** Active people of the organization, for assignee pickers. */
export async function listAssigneeOptions({ db, viewer }: RequestContext): Promise<Option[]> {
  const people = await db.user.findMany({
    where: { organizationId: viewer.organizationId, active: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: { id: true, name: true },
    take: 500,
  });
  return people.map((p) => ({ value: p.id, label: p.name }));
}
