import Link from "next/link";
import type { ReactNode } from "react";
import type { PersonRow } from "@/lib/people/queries";

/**
 * The people list shared by /people and /admin/users. Rows highlight blue on hover and on keyboard
 * focus (of the row or anything in it); `actions` renders per-row controls such as Manage.
 */
export function PeopleTable({
  rows,
  manageHref,
  actions,
  emptyMessage = "No one matches.",
}: {
  rows: PersonRow[];
  manageHref?: (row: PersonRow) => string | null;
  actions?: (row: PersonRow) => ReactNode;
  emptyMessage?: string;
}) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{emptyMessage}</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Name</th>
            <th scope="col" className="px-4 py-2 font-medium">Username</th>
            <th scope="col" className="px-4 py-2 font-medium">Location</th>
            <th scope="col" className="px-4 py-2 font-medium">Email</th>
            <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const href = manageHref?.(row) ?? null;
            return (
              <tr
                key={row.id}
                tabIndex={0}
                data-testid="person-row"
                aria-label={row.name}
                className="group border-b border-slate-100 last:border-0 hover:bg-blue-50 focus:bg-blue-50 focus:outline-none focus-within:bg-blue-50"
              >
                <td className="px-4 py-2.5 font-medium text-slate-900">
                  {row.name}
                  {!row.active ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">Deactivated</span> : null}
                  {row.isInternal ? <span className="ml-2 rounded bg-purple-100 px-1.5 py-0.5 text-xs text-purple-800">Internal</span> : null}
                </td>
                <td className="px-4 py-2.5 text-slate-700">{row.username}</td>
                <td className="px-4 py-2.5 text-slate-700">{row.location.name}</td>
                <td className="px-4 py-2.5 text-slate-700">{row.email ?? <span className="text-slate-400">—</span>}</td>
                <td className="px-4 py-2.5 text-right whitespace-nowrap">
                  {actions?.(row)}
                  {href ? (
                    <Link href={href} className="ml-2 text-blue-700 underline-offset-2 hover:underline" aria-label={`Manage ${row.name}`}>
                      Manage
                    </Link>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
