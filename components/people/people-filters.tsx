import { Button } from "@/components/ui/button";
import { SelectField, locationOptions } from "@/components/ui/select-field";

/** Search and Location filter: a plain GET form, so it works before JavaScript loads. */
export function PeopleFilters({
  action,
  search,
  locationId,
  locations,
}: {
  action: string;
  search?: string;
  locationId?: string;
  locations: { id: string; name: string; depth: number }[];
}) {
  return (
    <form action={action} method="get" role="search" className="flex flex-wrap items-end gap-3">
      <div className="min-w-56 flex-1">
        <label htmlFor="q" className="block text-sm font-medium text-slate-800">
          Search by name or username
        </label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={search}
          maxLength={100}
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30"
        />
      </div>
      <SelectField
        label="Location"
        name="location"
        defaultValue={locationId ?? ""}
        placeholder="All Locations"
        options={locationOptions(locations)}
        className="min-w-48"
      />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
