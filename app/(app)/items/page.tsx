import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/items/status-badge";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { Time } from "@/components/ui/time";
import { requireContext } from "@/lib/context";
import { findItems, listAssigneeOptions } from "@/lib/items/queries";
import { itemStatusOptions } from "@/lib/items/status";
import { listLocationOptions } from "@/lib/locations/queries";
import { itemFiltersSchema } from "@/lib/validations/items";
import { readSearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "Items" };

export default async function ItemsPage({ searchParams }: PageProps<"/items">) {
  const ctx = await requireContext();
  const { filters } = readSearchParams(itemFiltersSchema, await searchParams);
  const [items, locations, people] = await Promise.all([
    findItems(ctx, { status: filters.status ? [filters.status] : undefined, locationId: filters.location, assigneeId: filters.assignee, query: filters.q }),
    listLocationOptions(ctx),
    listAssigneeOptions(ctx),
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
        <Field label="Search" name="q" type="search" defaultValue={filters.q} maxLength={100} className="min-w-48 flex-1" />
        <SelectField label="Status" name="status" defaultValue={filters.status ?? ""} placeholder="Any status" options={itemStatusOptions()} />
        <SelectField label="Location" name="location" defaultValue={filters.location ?? ""} placeholder="All Locations" options={locations} />
        <SelectField
          label="Assignee"
          name="assignee"
          defaultValue={filters.assignee ?? ""}
          placeholder="Anyone"
          options={[{ value: "me", label: "Me" }, { value: "none", label: "Nobody" }, ...people]}
        />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      <DataTable
        rows={items}
        rowKey={(item) => item.id}
        empty={filtered ? "No Items match these filters." : "No Items yet. Start with a small improvement."}
        rowProps={() => ({ className: "hover:bg-blue-50 focus-within:bg-blue-50" })}
        columns={[
          {
            header: "Title",
            cell: (item) => (
              <Link href={`/items/${item.id}`} className="font-medium text-blue-800 hover:underline">
                {item.title}
              </Link>
            ),
          },
          { header: "Status", cell: (item) => <StatusBadge status={item.status} /> },
          { header: "Location", cell: (item) => item.location.name },
          { header: "Assignee", cell: (item) => item.assignee?.name ?? <span className="text-slate-400">—</span> },
          { header: "Updated", cell: (item) => <Time value={item.updatedAt} style="date" /> },
        ]}
      />
    </div>
  );
}
