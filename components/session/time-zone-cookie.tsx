"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/**
 * Tells the server the browser's time zone (a cookie), so dates show in it unless the user chose
 * another on Your account. When it was unknown or has changed, the page is rendered again once.
 */
export function TimeZoneCookie({ known }: { known: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === known) return;
    const secure = window.location.protocol === "https:" ? "; secure" : "";
    document.cookie = `kaizen.tz=${encodeURIComponent(zone)}; path=/; max-age=31536000; samesite=lax${secure}`;
    router.refresh();
  }, [known, router]);
  return null;
}
