import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImpersonationStatus } from "@/components/admin/impersonation-status";
import { TimelineList } from "@/components/timeline/timeline-list";
import { requireAdminContext } from "@/lib/context";
import { formatTime } from "@/lib/format/time";
import { getImpersonation } from "@/lib/impersonation/queries";

export const metadata: Metadata = { title: "Impersonation" };

export default async function ImpersonationPage({ params }: PageProps<"/admin/impersonations/[id]">) {
  const ctx = await requireAdminContext();
  const { id } = await params;
  const found = await getImpersonation(ctx, id);
  if (!found) notFound();
  const { session, events } = found;
  const at = (date: Date) => formatTime(date, "datetime-seconds");

  return (
    <div className="space-y-6">
      <Link href="/admin/impersonations" className="text-sm text-blue-700 hover:underline">
        ← Impersonations
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {session.actor.name} as {session.target.name}
        </h1>
        <ImpersonationStatus status={session.status} endReason={session.endReason} />
      </div>
      <dl className="grid gap-x-6 gap-y-2 rounded-lg border border-slate-200 bg-white p-6 text-sm shadow-sm sm:grid-cols-2">
        <Fact label="Administrator (true actor)" value={`${session.actor.name} (${session.actor.username})`} />
        <Fact label="Signed in as" value={`${session.target.name} (${session.target.username})`} />
        <Fact label="Reason" value={session.reason ?? "—"} />
        <Fact label="Started" value={at(session.startedAt)} />
        <Fact label="Last activity" value={at(session.lastActivityAt)} />
        <Fact label="Ended" value={session.endedAt ? at(session.endedAt) : "Still active"} />
        <Fact label="Inactivity limit" value={`${session.idleTimeoutSeconds} seconds`} />
        <Fact label="Ended by" value={session.endedBy?.name ?? "—"} />
      </dl>
      <section aria-labelledby="done-during">
        <h2 id="done-during" className="mb-3 text-lg font-semibold">What was done during this impersonation</h2>
        <TimelineList
          entries={events}
          subjectOf={(e) => e.item?.title ?? e.board?.name ?? e.subjectUser?.name}
          emptyMessage="Nothing was changed."
          showTargets
        />
      </section>
    </div>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-medium text-slate-900">{value}</dd>
    </div>
  );
}
