import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/items/status-badge";
import { Button } from "@/components/ui/button";
import { SelectField, locationOptions } from "@/components/ui/select-field";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { findItems, listAssignees } from "@/lib/items/queries";
import { listLocations } from "@/lib/people/queries";
import { statusLabel } from "@/lib/timeline/describe";
import { param } from "@/lib/validations/common";
import { ITEM_STATUSES, itemFiltersSchema } from "@/lib/validations/items";

export const metadata: Metadata = { title: "Items" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function ItemsPage({ searchParams }: PageProps<"/items">) {
  const viewer = await requireUser();
  const sp = await searchParams;
  const filters = itemFiltersSchema.parse({
    status: param(sp.status) || undefined,
    location: param(sp.location) || undefined,
    assignee: param(sp.assignee) || undefined,
    q: param(sp.q) || undefined,
  });
  const [items, locations, people] = await Promise.all([
    findItems(db, viewer, { status: filters.status ? [filters.status] : undefined, locationId: filters.location, assigneeId: filters.assignee, query: filters.q }),
    listLocations(db, viewer),
    listAssignees(db, viewer),
  ]);
  const filtered = Object.values(filters).some(Boolean);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Items</h1>
          <p className="mt-1 text-slate-600">Improvement ideas and work across your organization.</p>
        </div>
        <Link href="/items/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          New Item
        </Link>
      </div>
      <form method="get" action="/items" role="search" className="flex flex-wrap items-end gap-3">
        <div className="min-w-48 flex-1">
          <label htmlFor="q" className="block text-sm font-medium text-slate-800">
            Search
          </label>
          <input id="q" name="q" type="search" defaultValue={filters.q} maxLength={100} className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm" />
        </div>
        <SelectField label="Status" name="status" defaultValue={filters.status ?? ""} placeholder="Any status" options={ITEM_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} />
        <SelectField label="Location" name="location" defaultValue={filters.location ?? ""} placeholder="All Locations" options={locationOptions(locations)} />
        <SelectField
          label="Assignee"
          name="assignee"
          defaultValue={filters.assignee ?? ""}
          placeholder="Anyone"
          options={[{ value: "me", label: "Me" }, { value: "none", label: "Nobody" }, ...people.map((p) => ({ value: p.id, label: p.name }))]}
        />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      {items.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filtered ? "No Items match these filters." : "No Items yet. Start with a small improvement."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Title</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium">Location</th>
                <th scope="col" className="px-4 py-2 font-medium">Assignee</th>
                <th scope="col" className="px-4 py-2 font-medium">Updated</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} className="border-b border-slate-100 last:border-0 hover:bg-blue-50 focus-within:bg-blue-50">
                  <td className="px-4 py-2.5">
                    <Link href={`/items/${item.id}`} className="font-medium text-blue-800 hover:underline">
                      {item.title}
                    </Link>
                  </td>
                  <td className="px-4 py-2.5"><StatusBadge status={item.status} /></td>
                  <td className="px-4 py-2.5 text-slate-700">{item.location.name}</td>
                  <td className="px-4 py-2.5 text-slate-700">{item.assignee?.name ?? <span className="text-slate-400">—</span>}</td>
                  <td className="px-4 py-2.5 text-slate-700">{dateFormat.format(item.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
