import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField, type Option } from "@/components/ui/select-field";

/** Search and Location filter: a plain GET form, so it works before JavaScript loads. */
export function PeopleFilters({ action, search, locationId, locations }: { action: string; search?: string; locationId?: string; locations: Option[] }) {
  return (
    <form action={action} method="get" role="search" className="flex flex-wrap items-end gap-3">
      <Field label="Search by name or username" name="q" type="search" defaultValue={search} maxLength={100} className="min-w-56 flex-1" />
      <SelectField label="Location" name="location" defaultValue={locationId ?? ""} placeholder="All Locations" options={locations} className="min-w-48" />
      <Button type="submit" variant="secondary">
        Search
      </Button>
    </form>
  );
}
