import type { Metadata } from "next";
import Link from "next/link";
import { CreateBoardForm } from "@/components/boards/board-forms";
import { Alert } from "@/components/ui/alert";
import { boardFilterOptions, listOwnBoards } from "@/lib/boards/queries";
import { requireContext } from "@/lib/context";

export const metadata: Metadata = { title: "Boards" };

export default async function BoardsPage({ searchParams }: PageProps<"/boards">) {
  const ctx = await requireContext();
  const { deleted } = await searchParams;
  const [boards, options] = await Promise.all([listOwnBoards(ctx), boardFilterOptions(ctx)]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Your Boards</h1>
        <p className="mt-1 text-slate-600">Personal views of Items by status. Only you can see your Boards.</p>
      </div>
      {deleted ? <Alert tone="success">Board deleted.</Alert> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="board-list" className="lg:col-span-2">
          <h2 id="board-list" className="sr-only">Boards</h2>
          {boards.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
              No Boards yet. Create one to follow the Items you care about.
            </p>
          ) : (
            <ul className="grid gap-3 sm:grid-cols-2">
              {boards.map((b) => (
                <li key={b.id}>
                  <Link
                    href={`/boards/${b.id}`}
                    className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-blue-400 hover:bg-blue-50 focus:bg-blue-50"
                  >
                    <span className="font-medium text-blue-800">{b.name}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="new-board" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="new-board" className="mb-4 text-lg font-semibold">New Board</h2>
          <CreateBoardForm options={options} />
        </section>
      </div>
    </div>
  );
}
