import type { Metadata } from "next";
import Link from "next/link";
import { ImpersonateButton } from "@/components/impersonation/impersonate-button";
import { PeopleFilters } from "@/components/people/people-filters";
import { PeopleTable } from "@/components/people/people-table";
import { Pagination } from "@/components/ui/pagination";
import { requireAdminContext } from "@/lib/context";
import { listLocationOptions } from "@/lib/locations/queries";
import { listManagedPeople } from "@/lib/users/queries";
import { peopleFiltersSchema } from "@/lib/validations/people";
import { readSearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "User Management" };

export default async function UserManagementPage({ searchParams }: PageProps<"/admin/users">) {
  const ctx = await requireAdminContext();
  const { filters } = readSearchParams(peopleFiltersSchema, await searchParams);
  const query = { search: filters.q, locationId: filters.location, after: filters.after, before: filters.before };
  const [page, locations] = await Promise.all([listManagedPeople(ctx, query), listLocationOptions(ctx)]);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">User Management</h1>
          <p className="mt-1 text-slate-600">{ctx.scope.adminPaths ? "People in the Locations you administer." : "Everyone in your organization."}</p>
        </div>
        <Link href="/admin/users/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          New user
        </Link>
      </div>
      <PeopleFilters action="/admin/users" search={query.search} locationId={query.locationId} locations={locations} />
      <PeopleTable
        rows={page.rows}
        manageHref={(r) => (page.manageable.has(r.id) ? `/admin/users/${r.id}` : null)}
        actions={(r) => {
          const offer = page.impersonatable.get(r.id);
          return offer ? <ImpersonateButton offer={offer} /> : null;
        }}
      />
      <Pagination basePath="/admin/users" params={{ q: query.search, location: query.locationId }} prevCursor={page.prevCursor} nextCursor={page.nextCursor} />
    </div>
  );
}
