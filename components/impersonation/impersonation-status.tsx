import type { ImpersonationEndReason, ImpersonationSessionStatus } from "@/lib/generated/prisma/enums";
import { END_REASON_LABELS } from "@/lib/timeline/events";

export function ImpersonationStatus({ status, endReason }: { status: ImpersonationSessionStatus; endReason: ImpersonationEndReason | null }) {
  if (status === "ACTIVE") return <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">Active</span>;
  return (
    <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium whitespace-nowrap text-slate-700">
      Ended{endReason ? `: ${END_REASON_LABELS[endReason]}` : ""}
    </span>
  );
}
