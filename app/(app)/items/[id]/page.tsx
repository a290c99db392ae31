import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssigneeForm, CommentForm, EditItemForm, StatusForm } from "@/components/items/item-forms";
import { StatusBadge } from "@/components/items/status-badge";
import { TimelineList } from "@/components/timeline/timeline-list";
import { Time } from "@/components/ui/time";
import { requireContext } from "@/lib/context";
import { listSubjectTimeline } from "@/lib/timeline/queries";
import { getItem, listAssigneeOptions } from "@/lib/items/queries";
import { itemStatusOptions } from "@/lib/items/status";
import { listLocationOptions } from "@/lib/locations/queries";

export const metadata: Metadata = { title: "Item" };

export default async function ItemPage({ params }: PageProps<"/items/[id]">) {
  const ctx = await requireContext();
  const { id } = await params;
  const item = await getItem(ctx, id);
  if (!item) notFound();
  const [locations, people, timeline] = await Promise.all([listLocationOptions(ctx), listAssigneeOptions(ctx), listSubjectTimeline(ctx, { itemId: item.id })]);

  return (
    <div className="space-y-6">
      <Link href="/items" className="text-sm text-blue-700 hover:underline">
        ← Items
      </Link>
      <div>
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{item.title}</h1>
          <StatusBadge status={item.status} />
        </div>
        <p className="mt-1 text-sm text-slate-600">
          {item.location.name} · {item.assignee ? `Assigned to ${item.assignee.name}` : "Unassigned"} · Created by {item.createdBy.name}
        </p>
        {item.description ? <p className="mt-3 max-w-3xl whitespace-pre-wrap text-slate-800">{item.description}</p> : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="comments" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h2 id="comments" className="mb-4 text-lg font-semibold">Comments</h2>
            {item.comments.length === 0 ? <p className="mb-4 text-sm text-slate-600">No comments yet.</p> : null}
            <ul className="mb-4 space-y-3">
              {item.comments.map((c) => (
                <li key={c.id} className="rounded-md bg-slate-50 px-4 py-3 text-sm">
                  <p className="font-medium">{c.author.name}</p>
                  <p className="mt-1 whitespace-pre-wrap text-slate-800">{c.body}</p>
                  <p className="mt-1 text-xs text-slate-500">
                    <Time value={c.createdAt} />
                  </p>
                </li>
              ))}
            </ul>
            <CommentForm itemId={item.id} />
          </section>
          <section aria-labelledby="item-timeline">
            <h2 id="item-timeline" className="mb-3 text-lg font-semibold">Item Timeline</h2>
            <TimelineList entries={timeline} />
          </section>
        </div>
        <aside className="space-y-6">
          <section aria-label="Status and assignee" className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <StatusForm itemId={item.id} status={item.status} statuses={itemStatusOptions()} />
            <AssigneeForm itemId={item.id} assigneeId={item.assigneeId} people={people} />
          </section>
          <section aria-labelledby="edit-item" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h2 id="edit-item" className="mb-4 text-lg font-semibold">Edit</h2>
            <EditItemForm item={item} locations={locations} />
          </section>
        </aside>
      </div>
    </div>
  );
}
