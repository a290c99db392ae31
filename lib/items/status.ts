// Item statuses: Prisma's enum is the list; here is how each reads. Pure (client-safe).
import { ItemStatus } from "@/lib/generated/prisma/enums";

export const ITEM_STATUSES = Object.values(ItemStatus);

const LABELS: Record<ItemStatus, string> = { NEW: "New", PLANNED: "Planned", IN_PROGRESS: "In progress", DONE: "Done" };

export const itemStatusLabel = (status: ItemStatus) => LABELS[status];

export const itemStatusOptions = () => ITEM_STATUSES.map((s) => ({ value: s, label: LABELS[s] }));
