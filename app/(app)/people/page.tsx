import type { Metadata } from "next";
import { ImpersonateButton } from "@/components/impersonation/impersonate-button";
import { PeopleFilters } from "@/components/people/people-filters";
import { PeopleTable } from "@/components/people/people-table";
import { Pagination } from "@/components/ui/pagination";
import { requireContext } from "@/lib/context";
import { impersonationOffers } from "@/lib/impersonation/queries";
import { listLocationOptions } from "@/lib/locations/queries";
import { listPeople } from "@/lib/people/queries";
import { peopleFiltersSchema } from "@/lib/validations/people";
import { readSearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage({ searchParams }: PageProps<"/people">) {
  const ctx = await requireContext();
  const { filters } = readSearchParams(peopleFiltersSchema, await searchParams);
  const query = { search: filters.q, locationId: filters.location, after: filters.after, before: filters.before };
  const [page, locations] = await Promise.all([listPeople(ctx, query), listLocationOptions(ctx)]);
  const offers = await impersonationOffers(ctx, page.rows);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">People</h1>
        <p className="mt-1 text-slate-600">Everyone in your organization.</p>
      </div>
      <PeopleFilters action="/people" search={query.search} locationId={query.locationId} locations={locations} />
      <PeopleTable
        rows={page.rows}
        actions={(r) => {
          const offer = offers.get(r.id);
          return offer ? <ImpersonateButton offer={offer} /> : null;
        }}
        emptyMessage={query.search ? `No one matches “${query.search}”.` : "No one here yet."}
      />
      <Pagination basePath="/people" params={{ q: query.search, location: query.locationId }} prevCursor={page.prevCursor} nextCursor={page.nextCursor} />
    </div>
  );
}
