import Link from "next/link";
import { Time } from "@/components/ui/time";
import { describeEvent } from "@/lib/timeline/events";
import type { TimelineEntry } from "@/lib/timeline/queries";

/**
 * A timeline: each event names the effective user (who it shows as). When the true actor differs
 * (an impersonation), that is said too.
 */
export function TimelineList({
  entries,
  subjectOf,
  emptyMessage = "Nothing has happened yet.",
  linkImpersonations = false,
  showTargets = false,
}: {
  entries: TimelineEntry[];
  subjectOf?: (e: TimelineEntry) => string | null | undefined;
  emptyMessage?: string;
  /** Link each event of an impersonation to that impersonation's page (Admin pages only). */
  linkImpersonations?: boolean;
  /** Name the Item or Board each event concerns (for lists that mix them). */
  showTargets?: boolean;
}) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">{emptyMessage}</p>;
  return (
    <ol className="space-y-3" aria-label="Timeline">
      {entries.map((e) => (
        <li key={String(e.id)} className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm" data-testid="timeline-entry">
          <p>
            <span className="font-medium text-slate-900">{e.user?.name ?? "System"}</span>{" "}
            <span className="text-slate-800">{describeEvent(e.type, e.details, subjectOf?.(e))}</span>
            {showTargets && e.item ? (
              <>
                {" on Item "}
                <Link href={`/items/${e.item.id}`} className="text-blue-700 hover:underline">
                  {e.item.title}
                </Link>
              </>
            ) : null}
            {showTargets && e.board ? <> on Board “{e.board.name}”</> : null}
          </p>
          <p className="mt-1 text-xs text-slate-500">
            <Time value={e.createdAt} />
            {e.actor && e.user && e.actor.id !== e.user.id ? <> · done by {e.actor.name} while impersonating</> : null}
            {linkImpersonations && e.impersonationSessionId ? (
              <>
                {" · "}
                <Link href={`/admin/impersonations/${e.impersonationSessionId}`} className="text-blue-700 underline underline-offset-2 hover:no-underline">
                  View impersonation
                </Link>
              </>
            ) : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
