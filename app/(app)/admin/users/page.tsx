import type { Metadata } from "next";
import Link from "next/link";
import { PeopleFilters } from "@/components/people/people-filters";
import { ImpersonateButton } from "@/components/impersonation/impersonate-button";
import { PeopleTable } from "@/components/people/people-table";
import { Pagination } from "@/components/ui/pagination";
import { requireUserAdmin } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { loadAuthorities } from "@/lib/permissions/authority";
import { canManageUser, isGlobalAdmin, localAdminPaths } from "@/lib/permissions/policy";
import { impersonatableIds } from "@/lib/impersonation/visibility";
import { listLocations, listPeople } from "@/lib/people/queries";
import { peopleQueryFromSearchParams } from "@/lib/validations/people";

export const metadata: Metadata = { title: "User Management" };

export default async function UserManagementPage({ searchParams }: PageProps<"/admin/users">) {
  const { user, authority } = await requireUserAdmin();
  const sp = await searchParams;
  const query = {
    ...peopleQueryFromSearchParams(sp),
    includeInactive: true,
    withinPaths: isGlobalAdmin(authority) ? null : localAdminPaths(authority),
  };
  const [page, locations] = await Promise.all([listPeople(db, user, query), listLocations(db, user)]);
  const authorities = await loadAuthorities(db, page.rows.map((r) => r.id));
  const impersonatable = await impersonatableIds(page.rows.map((r) => r.id));
  const manageable = new Set(page.rows.filter((r) => canManageUser(authority, authorities.get(r.id)!).ok).map((r) => r.id));

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">User Management</h1>
          <p className="mt-1 text-slate-600">
            {isGlobalAdmin(authority) ? "Everyone in your organization." : "People in the Locations you administer."}
          </p>
        </div>
        <Link href="/admin/users/new" className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800">
          New user
        </Link>
      </div>
      <PeopleFilters action="/admin/users" search={query.search} locationId={query.locationId} locations={locations} />
      <PeopleTable
        rows={page.rows}
        manageHref={(r) => (manageable.has(r.id) ? `/admin/users/${r.id}` : null)}
        actions={(r) => (impersonatable.has(r.id) ? <ImpersonateButton target={{ id: r.id, name: r.name, email: r.email }} /> : null)}
      />
      <Pagination
        basePath="/admin/users"
        params={{ q: query.search, location: query.locationId }}
        prevCursor={page.prevCursor}
        nextCursor={page.nextCursor}
      />
    </div>
  );
}
