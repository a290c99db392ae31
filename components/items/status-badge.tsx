import type { ItemStatus } from "@/lib/generated/prisma/enums";
import { itemStatusLabel } from "@/lib/items/status";

const TONES: Record<ItemStatus, string> = {
  NEW: "bg-slate-100 text-slate-800",
  PLANNED: "bg-amber-100 text-amber-900",
  IN_PROGRESS: "bg-blue-100 text-blue-900",
  DONE: "bg-green-100 text-green-900",
};

export function StatusBadge({ status }: { status: ItemStatus }) {
  return <span className={`rounded px-2 py-0.5 text-xs font-medium ${TONES[status]}`}>{itemStatusLabel(status)}</span>;
}
