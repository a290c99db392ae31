import { ImpersonationStatus } from "@/components/impersonation/impersonation-status";
import { Time } from "@/components/ui/time";
import { TimelineList } from "@/components/timeline/timeline-list";
import { formatDuration } from "@/lib/format/time";
import type { ImpersonationEndReason, ImpersonationSessionStatus } from "@/lib/generated/prisma/enums";
import type { TimelineEntry } from "@/lib/timeline/queries";

export type ImpersonationFacts = {
  status: ImpersonationSessionStatus;
  endReason: ImpersonationEndReason | null;
  reason: string | null;
  startedAt: Date;
  lastActivityAt: Date;
  endedAt: Date | null;
  absoluteExpiresAt: Date;
  idleTimeoutSeconds: number;
  actor: { name: string; username: string };
  target: { name: string; username: string };
  endedBy: { name: string } | null;
  /** The user's access grant it ran under (consent before access), if any. */
  grant: { createdAt: Date; expiresAt: Date; revokedAt: Date | null } | null;
};

/**
 * One impersonation and everything done during it: the administrator's page, and the user's own
 * (Account access) read-only, with the same detail.
 */
export function ImpersonationDetails({ session, events, audience }: { session: ImpersonationFacts; events: TimelineEntry[]; audience: "admin" | "self" }) {
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {audience === "self" ? `${session.actor.name} signed in as you` : `${session.actor.name} as ${session.target.name}`}
        </h1>
        <ImpersonationStatus status={session.status} endReason={session.endReason} />
      </div>
      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-6 text-sm shadow-sm sm:grid-cols-2">
        <Fact label={audience === "self" ? "Administrator" : "Administrator (true actor)"}>
          {session.actor.name} ({session.actor.username})
        </Fact>
        <Fact label="Signed in as">
          {session.target.name} ({session.target.username})
        </Fact>
        <Fact label="Reason">{session.reason ?? "—"}</Fact>
        <Fact label="Started">
          <Time value={session.startedAt} style="datetime-seconds" />
        </Fact>
        <Fact label="Last activity">
          <Time value={session.lastActivityAt} style="datetime-seconds" />
        </Fact>
        <Fact label="Ended">{session.endedAt ? <Time value={session.endedAt} style="datetime-seconds" /> : "Still active"}</Fact>
        <Fact label="Limits">
          {formatDuration(session.idleTimeoutSeconds)} without activity; at most until <Time value={session.absoluteExpiresAt} />
        </Fact>
        <Fact label="Ended by">{session.endedBy?.name ?? "—"}</Fact>
        {session.grant ? (
          <Fact label={audience === "self" ? "Under your access grant" : "Under the user's access grant"}>
            granted <Time value={session.grant.createdAt} />, until <Time value={session.grant.expiresAt} />
            {session.grant.revokedAt ? (
              <>
                ; revoked <Time value={session.grant.revokedAt} />
              </>
            ) : null}
          </Fact>
        ) : null}
      </dl>
      <section aria-labelledby="done-during">
        <h2 id="done-during" className="mb-3 text-lg font-semibold">
          {audience === "self" ? "Everything done as you during it" : "What was done during this impersonation"}
        </h2>
        <TimelineList entries={events} subjectOf={(e) => e.item?.title ?? e.board?.name ?? e.subjectUser?.name} emptyMessage="Nothing was changed." showTargets />
      </section>
    </div>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="font-medium text-slate-900">{children}</dd>
    </div>
  );
}
