import type { Metadata } from "next";
import Link from "next/link";
import { ImpersonationStatus } from "@/components/admin/impersonation-status";
import { ActionButton } from "@/components/ui/action-button";
import { DataTable } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { requireAdminContext } from "@/lib/context";
import { revokeImpersonationAction } from "@/lib/impersonation/actions";
import { listImpersonations } from "@/lib/impersonation/queries";

export const metadata: Metadata = { title: "Impersonations" };

export default async function ImpersonationsPage() {
  const ctx = await requireAdminContext();
  const rows = await listImpersonations(ctx);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Impersonations</h1>
        <p className="mt-1 text-slate-600">Who signed in as whom, why, and for how long. End an active one to sign it out at its next request.</p>
      </div>
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        empty="No impersonations yet."
        rowProps={() => ({ "data-testid": "impersonation-row" })}
        columns={[
          { header: "Administrator", className: "text-slate-900", cell: (r) => r.actor.name },
          { header: "Signed in as", className: "text-slate-900", cell: (r) => r.target.name },
          { header: "Reason", cell: (r) => r.reason ?? <span className="text-slate-400">—</span> },
          { header: "Started (UTC)", cell: (r) => <Time value={r.startedAt} style="datetime-seconds" bare /> },
          { header: "Ended (UTC)", cell: (r) => (r.endedAt ? <Time value={r.endedAt} style="datetime-seconds" bare /> : "—") },
          { header: "Status", cell: (r) => <ImpersonationStatus status={r.status} endReason={r.endReason} /> },
          {
            header: "Actions",
            srOnly: true,
            className: "text-right whitespace-nowrap",
            cell: (r) => (
              <>
                <Link href={`/admin/impersonations/${r.id}`} className="text-blue-700 hover:underline" aria-label={`Details of ${r.actor.name} as ${r.target.name}`}>
                  Details
                </Link>
                {r.status === "ACTIVE" ? (
                  <span className="ml-3">
                    <ActionButton
                      action={revokeImpersonationAction}
                      fields={{ sessionId: r.id }}
                      variant="danger"
                      label={`End impersonation of ${r.target.name} by ${r.actor.name}`}
                      confirm={`End ${r.actor.name}'s impersonation of ${r.target.name} now?`}
                    >
                      End now
                    </ActionButton>
                  </span>
                ) : null}
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
