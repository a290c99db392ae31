import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImpersonationStatus } from "@/components/admin/impersonation-status";
import { TimelineList } from "@/components/timeline/timeline-list";
import { requireUserAdmin } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { getImpersonation } from "@/lib/impersonation/queries";
import { isGlobalAdmin, localAdminPaths } from "@/lib/permissions/policy";

export const metadata: Metadata = { title: "Impersonation" };

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

export default async function ImpersonationPage({ params }: PageProps<"/admin/impersonations/[id]">) {
  const { user, authority } = await requireUserAdmin();
  const { id } = await params;
  const found = await getImpersonation(db, user, isGlobalAdmin(authority) ? null : localAdminPaths(authority), id);
  if (!found) notFound();
  const { session, events } = found;
  const subject = (e: (typeof events)[number]) => e.item?.title ?? e.board?.name ?? e.subjectUser?.name;

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
        <Fact label="Started" value={`${timeFormat.format(session.startedAt)} UTC`} />
        <Fact label="Last activity" value={`${timeFormat.format(session.lastActivityAt)} UTC`} />
        <Fact label="Ended" value={session.endedAt ? `${timeFormat.format(session.endedAt)} UTC` : "Still active"} />
        <Fact label="Inactivity limit" value={`${session.idleTimeoutSeconds} seconds`} />
        <Fact label="Ended by" value={session.endedBy?.name ?? "—"} />
      </dl>
      <section aria-labelledby="done-during">
        <h2 id="done-during" className="mb-3 text-lg font-semibold">What was done during this impersonation</h2>
        <TimelineList entries={events} subjectOf={subject} emptyMessage="Nothing was changed." showTargets />
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
