import Link from "next/link";
import { Button } from "@/components/ui/button";
import { mainNav } from "@/config/site";
import { signOutAction } from "@/lib/auth/actions";
import { NavLinks } from "./nav-links";

export function AppHeader({ appName, userName, isAdmin }: { appName: string; userName: string; isAdmin: boolean }) {
  const links = isAdmin ? [...mainNav, { href: "/admin/users", label: "Admin" }] : mainNav;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-blue-800">
          {appName}
        </Link>
        <div className="flex-1">
          <NavLinks links={links} label="Main" />
        </div>
        <div className="flex items-center gap-3">
          <Link href="/account" className="text-sm text-slate-700 hover:underline" data-testid="current-user" title="Your account">
            {userName}
          </Link>
          <Link href="/account/access" className="text-sm text-slate-700 hover:underline">
            Account access
          </Link>
          <form action={signOutAction}>
            <Button type="submit" variant="secondary" className="px-3 py-1.5">
              Sign out
            </Button>
          </form>
        </div>
      </div>
    </header>
  );
}
