import type { Metadata } from "next";
import Link from "next/link";
import { revokeImpersonationAction } from "@/app/(app)/actions";
import { ImpersonationStatus } from "@/components/admin/impersonation-status";
import { ActionButton } from "@/components/ui/action-button";
import { requireUserAdmin } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { listImpersonations } from "@/lib/impersonation/queries";
import { isGlobalAdmin, localAdminPaths } from "@/lib/permissions/policy";

export const metadata: Metadata = { title: "Impersonations" };

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export default async function ImpersonationsPage() {
  const { user, authority } = await requireUserAdmin();
  const rows = await listImpersonations(db, user, isGlobalAdmin(authority) ? null : localAdminPaths(authority));
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Impersonations</h1>
        <p className="mt-1 text-slate-600">Who signed in as whom, why, and for how long. End an active one to sign it out at its next request.</p>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No impersonations yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">Administrator</th>
                <th scope="col" className="px-4 py-2 font-medium">Signed in as</th>
                <th scope="col" className="px-4 py-2 font-medium">Reason</th>
                <th scope="col" className="px-4 py-2 font-medium">Started (UTC)</th>
                <th scope="col" className="px-4 py-2 font-medium">Ended (UTC)</th>
                <th scope="col" className="px-4 py-2 font-medium">Status</th>
                <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 last:border-0" data-testid="impersonation-row">
                  <td className="px-4 py-2.5">{r.actor.name}</td>
                  <td className="px-4 py-2.5">{r.target.name}</td>
                  <td className="px-4 py-2.5 text-slate-700">{r.reason ?? <span className="text-slate-400">—</span>}</td>
                  <td className="px-4 py-2.5 text-slate-700">{timeFormat.format(r.startedAt)}</td>
                  <td className="px-4 py-2.5 text-slate-700">{r.endedAt ? timeFormat.format(r.endedAt) : "—"}</td>
                  <td className="px-4 py-2.5"><ImpersonationStatus status={r.status} endReason={r.endReason} /></td>
                  <td className="px-4 py-2.5 text-right whitespace-nowrap">
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
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
