import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddEndpointForm } from "@/components/admin/add-endpoint-form";
import { ActionButton } from "@/components/ui/action-button";
import { Alert } from "@/components/ui/alert";
import { DataTable } from "@/components/ui/data-table";
import { Time } from "@/components/ui/time";
import { requireAdminContext } from "@/lib/context";
import { isGlobalUserAdmin } from "@/lib/permissions/policy";
import { deleteAuditEndpointAction, rotateAuditSecretAction, sendAuditTestEventAction, setAuditEndpointStatusAction } from "@/lib/streaming/actions";
import { streamRules } from "@/lib/streaming/outbox";
import { listEndpoints } from "@/lib/streaming/queries";
import { STREAM_SCOPE_LABELS } from "@/lib/timeline/events";

export const metadata: Metadata = { title: "Audit streaming" };

const STATUS = { ACTIVE: "Active", PAUSED: "Paused", DISABLED: "Disabled" } as const;

/** The organization's audit streams: Global User Administrators only. */
export default async function AuditStreamingPage() {
  const ctx = await requireAdminContext();
  if (!isGlobalUserAdmin(ctx.authority)) notFound();
  const endpoints = await listEndpoints(ctx);
  const impersonating = Boolean(ctx.impersonation);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit streaming</h1>
        <p className="mt-1 max-w-3xl text-slate-600">
          Every impersonation, everything done during one, and everything on the Admin Timeline, sent as it happens to your SIEM or data lake — signed per
          Standard Webhooks, at least once, in order, retried for 24 hours. The payloads are described in docs/audit-streaming.md.
        </p>
      </div>
      <DataTable
        caption="Endpoints"
        rows={endpoints}
        rowKey={(e) => e.id}
        empty="No endpoint yet."
        rowProps={() => ({ "data-testid": "endpoint-row" })}
        columns={[
          { header: "Endpoint", className: "text-slate-900 break-all", cell: (e) => e.url },
          { header: "Receives", cell: (e) => STREAM_SCOPE_LABELS[e.scope] },
          {
            header: "Status",
            cell: (e) => (
              <>
                {STATUS[e.status]}
                {e.status === "DISABLED" && e.disabledAt ? (
                  <>
                    {" "}
                    since <Time value={e.disabledAt} /> (failing for 24 hours)
                  </>
                ) : e.failingSince ? (
                  <>
                    ; failing since <Time value={e.failingSince} />
                  </>
                ) : null}
                {e.waiting ? `; ${e.waiting} waiting` : ""}
                {e.rotating ? "; old secret still signing" : ""}
              </>
            ),
          },
          {
            header: "Actions",
            srOnly: true,
            className: "text-right",
            cell: (e) => (
              <div className="flex flex-wrap justify-end gap-2">
                <Link href={`/admin/streaming/${e.id}`} className="px-2 py-1.5 text-sm text-blue-700 hover:underline" aria-label={`Deliveries to ${e.url}`}>
                  Deliveries
                </Link>
                {impersonating ? null : (
                  <>
                    <ActionButton action={sendAuditTestEventAction} fields={{ endpointId: e.id }} label={`Send test event to ${e.url}`}>
                      Send test event
                    </ActionButton>
                    <ActionButton
                      action={setAuditEndpointStatusAction}
                      fields={{ endpointId: e.id, status: e.status === "ACTIVE" ? "PAUSED" : "ACTIVE" }}
                      label={`${e.status === "ACTIVE" ? "Pause" : "Resume"} ${e.url}`}
                    >
                      {e.status === "ACTIVE" ? "Pause" : "Resume"}
                    </ActionButton>
                    <ActionButton
                      action={rotateAuditSecretAction}
                      fields={{ endpointId: e.id }}
                      label={`Rotate the secret of ${e.url}`}
                      confirm="Rotate the signing secret? The old one keeps signing beside the new one for 24 hours."
                    >
                      Rotate secret
                    </ActionButton>
                    <ActionButton
                      action={deleteAuditEndpointAction}
                      fields={{ endpointId: e.id }}
                      variant="danger"
                      label={`Delete ${e.url}`}
                      confirm={`Delete the endpoint ${e.url}, with everything queued for it?`}
                    >
                      Delete
                    </ActionButton>
                  </>
                )}
              </div>
            ),
          },
        ]}
      />
      {impersonating ? (
        <Alert tone="info">Audit streaming cannot be changed while impersonating. Sign in as yourself to change it.</Alert>
      ) : (
        <section aria-labelledby="add-endpoint" className="max-w-2xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="add-endpoint" className="mb-3 text-lg font-semibold">
            Add an endpoint
          </h2>
          <AddEndpointForm httpsOnly={streamRules(ctx.config).httpsOnly} />
        </section>
      )}
    </div>
  );
}
