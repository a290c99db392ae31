import type { Metadata } from "next";
import Link from "next/link";
import { ImpersonationStatus } from "@/components/impersonation/impersonation-status";
import { DataTable } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { TimelineList } from "@/components/timeline/timeline-list";
import { listMyConsentEvents, listMyImpersonations } from "@/lib/account/queries";
import { requireContext } from "@/lib/context";

export const metadata: Metadata = { title: "Account access" };

/** Every impersonation of my account: who, when, why, how it ended, and what was done as me. */
export default async function AccountAccessPage() {
  const ctx = await requireContext();
  const [rows, consentEvents] = await Promise.all([listMyImpersonations(ctx), listMyConsentEvents(ctx)]);
  return (
    <div className="space-y-5">
      <div>
        <Link href="/account" className="text-sm text-blue-700 hover:underline">
          ← Your account
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Account access</h1>
        <p className="mt-1 text-slate-600">
          Every time an administrator signed in as you: who, when, why, how it ended — and everything they did as you.
        </p>
      </div>
      <DataTable
        caption="Impersonations of your account"
        rows={rows}
        rowKey={(r) => r.id}
        empty="No administrator has signed in as you."
        rowProps={() => ({ "data-testid": "access-row" })}
        columns={[
          { header: "Administrator", className: "text-slate-900", cell: (r) => r.actor.name },
          { header: "Reason", cell: (r) => r.reason ?? <span className="text-slate-500">—</span> },
          { header: "Started", cell: (r) => <Time value={r.startedAt} /> },
          { header: "Ended", cell: (r) => (r.endedAt ? <Time value={r.endedAt} /> : "—") },
          { header: "How it ended", cell: (r) => <ImpersonationStatus status={r.status} endReason={r.endReason} /> },
          { header: "Your grant", cell: (r) => (r.grant ? <>until <Time value={r.grant.expiresAt} /></> : <span className="text-slate-500">—</span>) },
          { header: "Changes", cell: (r) => (r._count.events === 0 ? "None" : `${r._count.events}`) },
          {
            header: "Details",
            srOnly: true,
            className: "text-right",
            cell: (r) => (
              <Link href={`/account/access/${r.id}`} className="text-blue-700 hover:underline" aria-label={`What ${r.actor.name} did as you`}>
                Details
              </Link>
            ),
          },
        ]}
      />
      <section aria-labelledby="consent-history" className="space-y-3">
        <h2 id="consent-history" className="text-lg font-semibold">
          Access you granted, revoked or were asked for
        </h2>
        <TimelineList entries={consentEvents} subjectOf={(e) => e.subjectUser?.name} emptyMessage="No access has been granted or asked for." />
      </section>
    </div>
  );
}
