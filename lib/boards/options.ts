import "server-only";
import { locationOptions } from "@/components/ui/select-field";
import { db } from "@/lib/db";
import { listAssignees } from "@/lib/items/queries";
import { listLocations } from "@/lib/people/queries";
import { statusLabel } from "@/lib/timeline/describe";
import { ITEM_STATUSES } from "@/lib/validations/items";

/** The choices a Board filter offers the viewer. */
export async function boardFilterOptions(viewer: { organizationId: string }) {
  const [locations, people] = await Promise.all([listLocations(db, viewer), listAssignees(db, viewer)]);
  return {
    statuses: ITEM_STATUSES.map((s) => ({ value: s, label: statusLabel(s) })),
    locations: locationOptions(locations),
    people: people.map((p) => ({ value: p.id, label: p.name })),
  };
}
