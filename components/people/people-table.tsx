import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable } from "@/components/ui/data-table";
import type { PersonRow } from "@/lib/people/queries";

/**
 * The people list shared by /people and /admin/users. Rows highlight blue on hover and on keyboard
 * focus (of the row or anything in it); `actions` renders per-row controls such as Impersonate.
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
  return (
    <DataTable
      rows={rows}
      rowKey={(row) => row.id}
      empty={emptyMessage}
      rowProps={(row) => ({
        tabIndex: 0,
        "data-testid": "person-row",
        "aria-label": row.name,
        // The focus ring: blue-700 on white, well over the 3:1 that non-text contrast asks for.
        className: "group hover:bg-blue-50 focus:bg-blue-50 focus-within:bg-blue-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-700",
      })}
      columns={[
        {
          header: "Name",
          className: "font-medium text-slate-900",
          cell: (row) => (
            <>
              {row.name}
              {!row.active ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs text-slate-700">Deactivated</span> : null}
              {row.isInternal ? <span className="ml-2 rounded bg-purple-100 px-1.5 py-0.5 text-xs text-purple-800">Internal</span> : null}
            </>
          ),
        },
        { header: "Username", cell: (row) => row.username },
        { header: "Location", cell: (row) => row.location.name },
        { header: "Email", cell: (row) => row.email ?? <span className="text-slate-500">—</span> },
        {
          header: "Actions",
          srOnly: true,
          className: "text-right whitespace-nowrap",
          cell: (row) => {
            const href = manageHref?.(row) ?? null;
            return (
              <>
                {actions?.(row)}
                {href ? (
                  <Link href={href} className="ml-2 text-blue-700 underline-offset-2 hover:underline" aria-label={`Manage ${row.name}`}>
                    Manage
                  </Link>
                ) : null}
              </>
            );
          },
        },
      ]}
    />
  );
}
