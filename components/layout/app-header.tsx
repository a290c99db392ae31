import Link from "next/link";
import { signOutAction } from "@/app/(app)/actions";
import { Button } from "@/components/ui/button";
import { mainNav } from "@/config/site";

export function AppHeader({ appName, userName }: { appName: string; userName: string }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-blue-800">
          {appName}
        </Link>
        <nav aria-label="Main" className="flex flex-1 gap-1">
          {mainNav.map((item) => (
            <Link key={item.href} href={item.href} className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3">
          <span className="text-sm text-slate-700" data-testid="current-user">
            {userName}
          </span>
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
