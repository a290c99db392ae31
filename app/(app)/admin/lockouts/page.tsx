import type { Metadata } from "next";
import Link from "next/link";
import { ActionButton } from "@/components/ui/action-button";
import { DataTable } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { requireAdminContext } from "@/lib/context";
import { clearLockoutAction } from "@/lib/users/actions";
import { listLockouts } from "@/lib/users/queries";

export const metadata: Metadata = { title: "Sign-in lockouts" };

export default async function LockoutsPage() {
  const ctx = await requireAdminContext();
  const rows = await listLockouts(ctx);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Sign-in lockouts</h1>
        <p className="mt-1 text-slate-600">
          After 10 failed sign-ins within 15 minutes a username is locked for 15 minutes. Clear a lockout once you know the person
          asking is who they say.
        </p>
      </div>
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        empty="No one is locked out."
        rowProps={() => ({ "data-testid": "lockout-row" })}
        columns={[
          { header: "Name", className: "text-slate-900", cell: (r) => <Link href={`/admin/users/${r.id}`} className="text-blue-800 hover:underline">{r.name}</Link> },
          { header: "Username", cell: (r) => r.username },
          { header: "Locked until", cell: (r) => <Time value={r.until} /> },
          {
            header: "Actions",
            srOnly: true,
            className: "text-right",
            cell: (r) => (
              <ActionButton action={clearLockoutAction} fields={{ userId: r.id }} label={`Clear the lockout of ${r.name}`}>
                Clear lockout
              </ActionButton>
            ),
          },
        ]}
      />
    </div>
  );
}
