import type { TimelineEntry } from "@/lib/timeline/queries";
import { describeEvent } from "@/lib/timeline/describe";

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * A timeline: each event names the effective user (who it shows as). When the true actor differs
 * (an impersonation), that is said too.
 */
export function TimelineList({ entries, subjectOf, emptyMessage = "Nothing has happened yet." }: {
  entries: TimelineEntry[];
  subjectOf?: (e: TimelineEntry) => string | null | undefined;
  emptyMessage?: string;
}) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">{emptyMessage}</p>;
  return (
    <ol className="space-y-3" aria-label="Timeline">
      {entries.map((e) => (
        <li key={String(e.id)} className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm" data-testid="timeline-entry">
          <p>
            <span className="font-medium text-slate-900">{e.user?.name ?? "System"}</span>{" "}
            <span className="text-slate-800">{describeEvent(e.type, e.details, subjectOf?.(e))}</span>
          </p>
          <p className="mt-1 text-xs text-slate-500">
            <time dateTime={e.createdAt.toISOString()}>{timeFormat.format(e.createdAt)} UTC</time>
            {e.actor && e.user && e.actor.id !== e.user.id ? <> · done by {e.actor.name} while impersonating</> : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
