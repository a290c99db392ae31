import Link from "next/link";

/** Previous / Next links for keyset pages; other query parameters are kept. */
export function Pagination({
  basePath,
  params,
  prevCursor,
  nextCursor,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  prevCursor: string | null;
  nextCursor: string | null;
}) {
  const href = (key: "after" | "before", cursor: string) => {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v && k !== "after" && k !== "before") search.set(k, v);
    search.set(key, cursor);
    return `${basePath}?${search.toString()}`;
  };
  // One page: nothing to page through.
  if (!prevCursor && !nextCursor) return null;
  const linkClass = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100";
  const disabledClass = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400";
  return (
    <nav aria-label="Pagination" className="mt-4 flex justify-between">
      {prevCursor ? (
        <Link href={href("before", prevCursor)} className={linkClass} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          ← Previous
        </span>
      )}
      {nextCursor ? (
        <Link href={href("after", nextCursor)} className={linkClass} rel="next">
          Next →
        </Link>
      ) : (
        <span className={disabledClass} aria-disabled="true">
          Next →
        </span>
      )}
    </nav>
  );
}
