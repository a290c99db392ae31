import Link from "next/link";
import type { ReactNode } from "react";
import { requireUserAdmin } from "@/lib/auth/viewer";

/** /admin/* is for user administrators only; anyone else gets a 404 (each page checks again). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireUserAdmin();
  return (
    <div className="space-y-6">
      <nav aria-label="Administration" className="flex gap-2 border-b border-slate-200 pb-3 text-sm">
        <span className="mr-2 font-semibold text-slate-500 uppercase">Admin</span>
        <Link href="/admin/users" className="rounded-md px-2 py-1 text-blue-800 hover:bg-slate-100">
          User Management
        </Link>
        <Link href="/admin/timeline" className="rounded-md px-2 py-1 text-blue-800 hover:bg-slate-100">
          Admin Timeline
        </Link>
      </nav>
      {children}
    </div>
  );
}
