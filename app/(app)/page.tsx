import { requireContext } from "@/lib/context";
import { getHomeSummary } from "@/lib/people/queries";

export default async function HomePage() {
  const ctx = await requireContext();
  const summary = await getHomeSummary(ctx);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Welcome, {ctx.viewer.name}</h1>
        <p className="mt-1 text-slate-600">
          {summary.organizationName} · {summary.locationName}
        </p>
      </div>
      <dl className="grid gap-4 sm:grid-cols-3">
        <Stat label="People in your organization" value={summary.people} />
        <Stat label="Items assigned to you" value={summary.assignedItems} />
        <Stat label="Your Boards" value={summary.boards} />
      </dl>
    </div>
  );
}

function Stat({ label, value }: { label: string; value: number | string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold">{value}</dd>
    </div>
  );
}
