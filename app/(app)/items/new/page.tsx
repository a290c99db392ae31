import type { Metadata } from "next";
import Link from "next/link";
import { CreateItemForm } from "@/components/items/item-forms";
import { locationOptions } from "@/components/ui/select-field";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { listAssignees } from "@/lib/items/queries";
import { listLocations } from "@/lib/people/queries";

export const metadata: Metadata = { title: "New Item" };

export default async function NewItemPage() {
  const viewer = await requireUser();
  const [locations, people, me] = await Promise.all([
    listLocations(db, viewer),
    listAssignees(db, viewer),
    db.user.findUniqueOrThrow({ where: { id: viewer.id }, select: { locationId: true } }),
  ]);
  return (
    <div className="max-w-xl space-y-5">
      <Link href="/items" className="text-sm text-blue-700 hover:underline">
        ← Items
      </Link>
      <h1 className="text-2xl font-semibold">New Item</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <CreateItemForm
          locations={locationOptions(locations)}
          people={people.map((p) => ({ value: p.id, label: p.name }))}
          defaultLocationId={me.locationId}
        />
      </div>
    </div>
  );
}
