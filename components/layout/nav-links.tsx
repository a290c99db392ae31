"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** Navigation links; the current section is marked for sighted and screen-reader users alike. */
export function NavLinks({ links, label }: { links: readonly { href: string; label: string }[]; label: string }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1">
      {links.map((link) => {
        const current = link.href === "/" ? pathname === "/" : pathname === link.href || pathname.startsWith(`${link.href}/`);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={current ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm ${current ? "bg-blue-100 font-medium text-blue-900" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
