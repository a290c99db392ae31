import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BoardFiltersForm, RenameBoardForm } from "@/components/boards/board-forms";
import { TimelineList } from "@/components/timeline/timeline-list";
import { ActionButton } from "@/components/ui/action-button";
import { deleteBoardAction } from "@/lib/boards/actions";
import { boardFilterOptions, getOwnBoard } from "@/lib/boards/queries";
import { requireContext } from "@/lib/context";
import { listSubjectTimeline } from "@/lib/timeline/queries";
import { boardFilterToItemFilter, findItems } from "@/lib/items/queries";
import { ITEM_STATUSES, itemStatusLabel } from "@/lib/items/status";

export const metadata: Metadata = { title: "Board" };

export default async function BoardPage({ params }: PageProps<"/boards/[id]">) {
  const ctx = await requireContext();
  const { id } = await params;
  // Not yours (or not there): the same 404 either way, so a Board's existence is not revealed.
  const board = await getOwnBoard(ctx, id);
  if (!board) notFound();
  const [items, timeline, options] = await Promise.all([
    findItems(ctx, boardFilterToItemFilter(board.filters)),
    listSubjectTimeline(ctx, { boardId: board.id }),
    boardFilterOptions(ctx),
  ]);
  const columns = ITEM_STATUSES.filter((s) => !board.filters.statuses?.length || board.filters.statuses.includes(s));

  return (
    <div className="space-y-6">
      <Link href="/boards" className="text-sm text-blue-700 hover:underline">
        ← Your Boards
      </Link>
      <h1 className="text-2xl font-semibold">{board.name}</h1>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-4" aria-label="Board columns">
        {columns.map((status) => {
          const inColumn = items.filter((i) => i.status === status);
          return (
            <section key={status} aria-labelledby={`col-${status}`} className="rounded-lg bg-slate-100 p-3" data-testid={`column-${status}`}>
              <h2 id={`col-${status}`} className="mb-3 flex items-center justify-between text-sm font-semibold text-slate-700">
                {itemStatusLabel(status)} <span className="rounded-full bg-white px-2 text-xs">{inColumn.length}</span>
              </h2>
              {inColumn.length === 0 ? <p className="text-xs text-slate-500">No Items.</p> : null}
              <ul className="space-y-2">
                {inColumn.map((item) => (
                  <li key={item.id}>
                    <Link href={`/items/${item.id}`} className="block rounded-md border border-slate-200 bg-white p-3 text-sm shadow-sm hover:border-blue-400 focus:border-blue-600">
                      <span className="font-medium text-slate-900">{item.title}</span>
                      <span className="mt-1 block text-xs text-slate-500">
                        {item.location.name}
                        {item.assignee ? ` · ${item.assignee.name}` : ""}
                      </span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="board-timeline" className="lg:col-span-2">
          <h2 id="board-timeline" className="mb-3 text-lg font-semibold">Board Timeline</h2>
          <TimelineList entries={timeline} />
        </section>
        <aside className="space-y-6">
          <section aria-label="Rename" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <RenameBoardForm boardId={board.id} name={board.name} />
          </section>
          <section aria-labelledby="filters" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h2 id="filters" className="mb-4 text-lg font-semibold">Filters</h2>
            <BoardFiltersForm boardId={board.id} filters={board.filters} options={options} />
          </section>
          <section aria-label="Delete" className="rounded-lg border border-red-200 bg-white p-6 shadow-sm">
            <ActionButton action={deleteBoardAction} fields={{ boardId: board.id }} variant="danger" confirm={`Delete the Board “${board.name}”?`}>
              Delete Board
            </ActionButton>
          </section>
        </aside>
      </div>
    </div>
  );
}
