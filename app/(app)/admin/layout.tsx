import type { ReactNode } from "react";
import { NavLinks } from "@/components/layout/nav-links";
import { adminNav, globalAdminNav } from "@/config/site";
import { requireAdminContext } from "@/lib/context";
import { isGlobalUserAdmin } from "@/lib/permissions/policy";

/** /admin/* is for user administrators only; anyone else gets a 404 (each page checks again). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const ctx = await requireAdminContext();
  return (
    <div className="space-y-6">
      <div className="flex items-center gap-3 border-b border-slate-200 pb-3">
        <span className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Admin</span>
        <NavLinks links={isGlobalUserAdmin(ctx.authority) ? [...adminNav, ...globalAdminNav] : adminNav} label="Administration" />
      </div>
      {children}
    </div>
  );
}
