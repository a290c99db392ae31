"use client";

import { usePathname } from "next/navigation";
import { useCallback, useEffect, useState, useTransition } from "react";
import { keepSessionAliveAction } from "@/lib/auth/actions";

const WARN_SECONDS = 60;

function format(seconds: number): string {
  const s = Math.max(0, seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/**
 * The impersonation's inactivity countdown: warns a minute before the cutoff, offers "Stay signed
 * in", and leaves for the sign-in page when time runs out, so the impersonated user's data does not
 * stay on an unattended screen. The server is the authority; this only mirrors it.
 */
export function InactivityCountdown({ idleSeconds }: { idleSeconds: number }) {
  const pathname = usePathname();
  const [deadline, setDeadline] = useState(() => Date.now() + idleSeconds * 1000);
  const [now, setNow] = useState(() => Date.now());
  const [pending, startTransition] = useTransition();
  const restart = useCallback(() => setDeadline(Date.now() + idleSeconds * 1000), [idleSeconds]);

  // A navigation or a form sent is a request, and a request is activity.
  const [seenPath, setSeenPath] = useState(pathname);
  if (seenPath !== pathname) {
    setSeenPath(pathname);
    restart();
  }
  useEffect(() => {
    document.addEventListener("submit", restart, true);
    return () => document.removeEventListener("submit", restart, true);
  }, [restart]);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);

  const remaining = Math.ceil((deadline - now) / 1000);
  useEffect(() => {
    // A full page load, not a client navigation: nothing of the user's data stays in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (remaining <= 0) window.location.assign("/sign-in?notice=inactivity");
  }, [remaining]);

  if (remaining > WARN_SECONDS) return null;
  return (
    <div role="alert" className="flex items-center gap-3 rounded-md bg-white/15 px-3 py-1" data-testid="inactivity-warning">
      <span>
        You will be signed out in <span className="font-mono font-semibold">{format(remaining)}</span>
      </span>
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            await keepSessionAliveAction();
            restart();
          })
        }
        className="rounded-md border border-white/70 px-2 py-0.5 font-medium hover:bg-white/10"
      >
        Stay signed in
      </button>
    </div>
  );
}
