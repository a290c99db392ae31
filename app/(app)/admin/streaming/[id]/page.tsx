import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionButton } from "@/components/ui/action-button";
import { DataTable } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { requireAdminContext } from "@/lib/context";
import { isGlobalUserAdmin } from "@/lib/permissions/policy";
import { replayAuditDeliveryAction } from "@/lib/streaming/actions";
import { endpointDeliveries } from "@/lib/streaming/queries";

export const metadata: Metadata = { title: "Deliveries" };

/** One endpoint's latest deliveries, each attempt's answer, and Replay. Global User Administrators only. */
export default async function DeliveriesPage({ params }: PageProps<"/admin/streaming/[id]">) {
  const ctx = await requireAdminContext();
  if (!isGlobalUserAdmin(ctx.authority)) notFound();
  const found = await endpointDeliveries(ctx, (await params).id);
  if (!found) notFound();
  const { endpoint, deliveries } = found;
  return (
    <div className="space-y-5">
      <div>
        <Link href="/admin/streaming" className="text-sm text-blue-700 hover:underline">
          ← Audit streaming
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Deliveries</h1>
        <p className="mt-1 break-all text-slate-600">To {endpoint.url}: the latest 50 messages, newest first, with their last attempts.</p>
      </div>
      <DataTable
        caption={`Deliveries to ${endpoint.url}`}
        rows={deliveries}
        rowKey={(d) => d.id}
        empty="Nothing has been sent to this endpoint yet."
        rowProps={() => ({ "data-testid": "delivery-row" })}
        columns={[
          { header: "Message", className: "font-mono text-xs text-slate-900", cell: (d) => d.messageId },
          { header: "Type", cell: (d) => d.type },
          { header: "Queued", cell: (d) => <Time value={d.createdAt} style="datetime-seconds" /> },
          {
            header: "Status",
            cell: (d) =>
              d.status === "DELIVERED" ? (
                <>
                  Delivered <Time value={d.deliveredAt!} style="datetime-seconds" />
                </>
              ) : d.attempts === 0 ? (
                "Waiting"
              ) : (
                <>
                  Retrying at <Time value={d.nextAttemptAt} style="datetime-seconds" />
                </>
              ),
          },
          {
            header: "Attempts",
            cell: (d) =>
              d.attemptsMade.length === 0 ? (
                "—"
              ) : (
                <ul className="space-y-1">
                  {d.attemptsMade.map((a) => (
                    <li key={a.number}>
                      #{a.number} <Time value={a.startedAt} style="datetime-seconds" />: {a.httpStatus ? `HTTP ${a.httpStatus}` : (a.error ?? "no answer")}
                      {a.excerpt ? <span className="block max-w-xs truncate text-xs text-slate-500">{a.excerpt}</span> : null}
                    </li>
                  ))}
                </ul>
              ),
          },
          {
            header: "Replay",
            srOnly: true,
            className: "text-right",
            cell: (d) =>
              ctx.impersonation ? null : (
                <ActionButton action={replayAuditDeliveryAction} fields={{ deliveryId: d.id }} label={`Replay ${d.messageId}`}>
                  Replay
                </ActionButton>
              ),
          },
        ]}
      />
    </div>
  );
}
