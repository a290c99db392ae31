import type { Metadata } from "next";
import Link from "next/link";
import { CreateItemForm } from "@/components/items/item-forms";
import { requireContext } from "@/lib/context";
import { listAssigneeOptions } from "@/lib/items/queries";
import { listLocationOptions } from "@/lib/locations/queries";
import { getHomeLocationId } from "@/lib/people/queries";

export const metadata: Metadata = { title: "New Item" };

export default async function NewItemPage() {
  const ctx = await requireContext();
  const [locations, people, homeLocationId] = await Promise.all([listLocationOptions(ctx), listAssigneeOptions(ctx), getHomeLocationId(ctx)]);
  return (
    <div className="max-w-xl space-y-5">
      <Link href="/items" className="text-sm text-blue-700 hover:underline">
        ← Items
      </Link>
      <h1 className="text-2xl font-semibold">New Item</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <CreateItemForm locations={locations} people={people} defaultLocationId={homeLocationId} />
      </div>
    </div>
  );
}
