import type { HTMLAttributes, ReactNode } from "react";
import { cn } from "./cn";

export type Column<T> = {
  /** The column's heading; `srOnly` keeps it for screen readers only (an actions column). */
  header: string;
  srOnly?: boolean;
  cell: (row: T) => ReactNode;
  className?: string;
};

type RowAttributes = HTMLAttributes<HTMLTableRowElement> & { "data-testid"?: string };

/**
 * A table of rows (People, Items, Impersonations…), or a friendly empty state. Rows take extra
 * attributes from `rowProps` (a test id, keyboard focus, hover styles).
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  rowProps,
  empty,
  caption,
}: {
  rows: T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  rowProps?: (row: T) => RowAttributes;
  empty: ReactNode;
  /** Announced to screen readers as the table's name. */
  caption?: string;
}) {
  if (rows.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">{empty}</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" className="px-4 py-2 font-medium">
                {column.srOnly ? <span className="sr-only">{column.header}</span> : column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { className, ...props } = rowProps?.(row) ?? {};
            return (
              <tr key={rowKey(row)} className={cn("border-b border-slate-100 last:border-0", className)} {...props}>
                {columns.map((column) => (
                  <td key={column.header} className={cn("px-4 py-2.5 text-slate-700", column.className)}>
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
