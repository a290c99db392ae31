import Link from "next/link";
import { Time } from "@/components/ui/time";
import { ImpersonationStatus } from "./impersonation-status";
import type { ImpersonationEndReason, ImpersonationSessionStatus } from "@/lib/generated/prisma/enums";

type Row = {
  id: string;
  status: ImpersonationSessionStatus;
  endReason: ImpersonationEndReason | null;
  reason: string | null;
  startedAt: Date;
  actor: { name: string };
  target: { name: string };
};

/** A short list of impersonations, each linked to its page (a user's page in User Management). */
export function ImpersonationList({ rows, show, empty }: { rows: Row[]; show: "actor" | "target"; empty: string }) {
  if (rows.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm">
          <span>
            <Link href={`/admin/impersonations/${r.id}`} className="font-medium text-blue-700 hover:underline">
              {show === "actor" ? `By ${r.actor.name}` : `As ${r.target.name}`}
            </Link>
            <span className="text-slate-600">
              {" · "}
              <Time value={r.startedAt} />
              {r.reason ? ` · ${r.reason}` : ""}
            </span>
          </span>
          <ImpersonationStatus status={r.status} endReason={r.endReason} />
        </li>
      ))}
    </ul>
  );
}
