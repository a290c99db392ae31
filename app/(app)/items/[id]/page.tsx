import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssigneeForm, CommentForm, EditItemForm, StatusForm } from "@/components/items/item-forms";
import { StatusBadge } from "@/components/items/status-badge";
import { TimelineList } from "@/components/timeline/timeline-list";
import { locationOptions } from "@/components/ui/select-field";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { getItem, listAssignees } from "@/lib/items/queries";
import { listLocations } from "@/lib/people/queries";
import { statusLabel } from "@/lib/timeline/describe";
import { listSubjectTimeline } from "@/lib/timeline/queries";
import { ITEM_STATUSES } from "@/lib/validations/items";

export const metadata: Metadata = { title: "Item" };

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function ItemPage({ params }: PageProps<"/items/[id]">) {
  const viewer = await requireUser();
  const { id } = await params;
  const item = await getItem(db, viewer, id);
  if (!item) notFound();
  const [locations, people, timeline] = await Promise.all([
    listLocations(db, viewer),
    listAssignees(db, viewer),
    listSubjectTimeline(db, { itemId: item.id }),
  ]);
  const peopleOptions = people.map((p) => ({ value: p.id, label: p.name }));

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
                  <p className="mt-1 text-xs text-slate-500">{timeFormat.format(c.createdAt)} UTC</p>
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
            <StatusForm itemId={item.id} status={item.status} statuses={ITEM_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} />
            <AssigneeForm itemId={item.id} assigneeId={item.assigneeId} people={peopleOptions} />
          </section>
          <section aria-labelledby="edit-item" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h2 id="edit-item" className="mb-4 text-lg font-semibold">Edit</h2>
            <EditItemForm item={item} locations={locationOptions(locations)} />
          </section>
        </aside>
      </div>
    </div>
  );
}
