import type { Metadata } from "next";
import Link from "next/link";
import { ImpersonationStatus } from "@/components/impersonation/impersonation-status";
import { ActionButton } from "@/components/ui/action-button";
import { Button } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { Field } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { SelectField } from "@/components/ui/select-field";
import { Time } from "@/components/ui/time";
import { myAccessRequests, type RequestShownStatus } from "@/lib/consent/queries";
import { requireAdminContext } from "@/lib/context";
import { END_REASON_LABELS } from "@/lib/timeline/events";
import { revokeAllImpersonationsAction, revokeImpersonationAction } from "@/lib/impersonation/actions";
import { listImpersonations } from "@/lib/impersonation/queries";
import { impersonationFiltersSchema } from "@/lib/validations/impersonation";
import { readSearchParams } from "@/lib/validations/search-params";

export const metadata: Metadata = { title: "Impersonations" };

export default async function ImpersonationsPage({ searchParams }: PageProps<"/admin/impersonations">) {
  const ctx = await requireAdminContext();
  // A filter that does not parse is dropped (and said so), the rest kept.
  const { filters, problems } = readSearchParams(impersonationFiltersSchema, await searchParams);
  const ignored = Object.keys(problems);
  const [page, requests] = await Promise.all([listImpersonations(ctx, filters), myAccessRequests(ctx)]);
  const kept = { status: filters.status, actor: filters.actor, target: filters.target, from: filters.from, to: filters.to, endReason: filters.endReason };
  const exportHref = (format: "csv" | "json") => {
    const search = new URLSearchParams({ format });
    for (const [k, v] of Object.entries(kept)) if (v) search.set(k, v);
    return `/admin/impersonations/export?${search.toString()}`;
  };
  const filteredAtAll = Object.values(kept).some(Boolean);
  // Impersonations are ended by an administrator as themselves (the mutations refuse it too).
  const impersonating = Boolean(ctx.impersonation);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Impersonations</h1>
          <p className="mt-1 text-slate-600">
            {impersonating
              ? "Who signed in as whom, why, and for how long. Sign in as yourself to end any of them."
              : "Who signed in as whom, why, and for how long. End an active one to sign it out at its next request."}
          </p>
        </div>
        {/* Always there (disabled with none active), so its outcome stays in view once all have ended. */}
        <ActionButton
          action={revokeAllImpersonationsAction}
          fields={{}}
          variant={page.activeCount > 0 ? "danger" : "secondary"}
          disabled={page.activeCount === 0 || impersonating}
          confirm={`End all ${page.activeCount} active impersonation${page.activeCount === 1 ? "" : "s"} now? Each is signed out at its next request.`}
        >
          {page.activeCount > 0 ? `End all active (${page.activeCount})` : "None active"}
        </ActionButton>
      </div>
      <form method="get" action="/admin/impersonations" role="search" aria-label="Filter impersonations" className="flex flex-wrap items-end gap-3">
        <SelectField
          label="Status"
          name="status"
          defaultValue={filters.status ?? ""}
          placeholder="Any"
          options={[
            { value: "active", label: "Active now" },
            { value: "ended", label: "Ended" },
          ]}
          className="w-36"
        />
        <Field label="Administrator (username)" name="actor" defaultValue={filters.actor} maxLength={64} className="w-48" />
        <Field label="Signed in as (username)" name="target" defaultValue={filters.target} maxLength={64} className="w-48" />
        <Field label="From" name="from" type="date" defaultValue={filters.from} className="w-40" />
        <Field label="To" name="to" type="date" defaultValue={filters.to} className="w-40" />
        <SelectField
          label="How it ended"
          name="endReason"
          defaultValue={filters.endReason ?? ""}
          placeholder="Any way"
          options={Object.entries(END_REASON_LABELS).map(([value, label]) => ({ value, label: `${label.charAt(0).toUpperCase()}${label.slice(1)}` }))}
          className="w-56"
        />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {filteredAtAll ? (
          <Link href="/admin/impersonations" className="py-2 text-sm text-blue-700 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </form>
      {ignored.length ? <p className="text-sm text-amber-800">Some filters were not understood and were left out: {ignored.join(", ")}.</p> : null}
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="text-slate-600">Export {filteredAtAll ? "these" : "all"}, each with everything done during it:</span>
        <a href={exportHref("csv")} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100" download>
          CSV
        </a>
        <a href={exportHref("json")} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100" download>
          JSON
        </a>
      </div>
      <DataTable
        caption="Impersonations"
        rows={page.rows}
        rowKey={(r) => r.id}
        empty={filteredAtAll ? "No impersonation matches these filters." : "No impersonations yet."}
        rowProps={() => ({ "data-testid": "impersonation-row" })}
        columns={[
          { header: "Administrator", className: "text-slate-900", cell: (r) => r.actor.name },
          { header: "Signed in as", className: "text-slate-900", cell: (r) => r.target.name },
          { header: "Reason", cell: (r) => r.reason ?? <span className="text-slate-500">—</span> },
          { header: "Started", cell: (r) => <Time value={r.startedAt} style="datetime-seconds" /> },
          { header: "Ended", cell: (r) => (r.endedAt ? <Time value={r.endedAt} style="datetime-seconds" /> : "—") },
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
                {/* Kept for an ended row too (its button hidden), so "ended" stays in view after End now. */}
                <span className={r.status === "ACTIVE" ? "ml-3" : undefined}>
                  <ActionButton
                    action={revokeImpersonationAction}
                    fields={{ sessionId: r.id }}
                    variant="danger"
                    hidden={r.status !== "ACTIVE" || impersonating}
                    label={`End impersonation of ${r.target.name} by ${r.actor.name}`}
                    confirm={`End ${r.actor.name}'s impersonation of ${r.target.name} now?`}
                  >
                    End now
                  </ActionButton>
                </span>
              </>
            ),
          },
        ]}
      />
      <Pagination basePath="/admin/impersonations" params={kept} prevCursor={page.prevCursor} nextCursor={page.nextCursor} />
      {requests.length > 0 ? (
        <section aria-labelledby="access-requests" className="space-y-3 pt-4">
          <h2 id="access-requests" className="text-lg font-semibold">
            Your requests for access
          </h2>
          <p className="text-sm text-slate-600">Each time you asked someone for access to their account (consent before access), and their answer:</p>
        <DataTable
          caption="Your requests for access (consent before access)"
          rows={requests}
          rowKey={(r) => r.id}
          empty=""
          rowProps={() => ({ "data-testid": "access-request-row" })}
          columns={[
            { header: "Asked", className: "text-slate-900", cell: (r) => r.user.name },
            { header: "Reason", cell: (r) => r.reason ?? <span className="text-slate-500">—</span> },
            { header: "When", cell: (r) => <Time value={r.createdAt} /> },
            {
              header: "Answer",
              cell: (r) =>
                r.shown === "granted" && r.grant ? (
                  <>
                    {REQUEST_STATUS.granted}, until <Time value={r.grant.expiresAt} />
                  </>
                ) : (
                  REQUEST_STATUS[r.shown]
                ),
            },
          ]}
        />
        </section>
      ) : null}
    </div>
  );
}

const REQUEST_STATUS: Record<RequestShownStatus, string> = {
  waiting: "Waiting for their answer",
  granted: "Granted",
  declined: "Declined",
  expired: "Expired unanswered",
};
