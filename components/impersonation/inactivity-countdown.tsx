"use client";

import { usePathname } from "next/navigation";
import { useCallback, useEffect, useState, useTransition } from "react";
import { keepSessionAliveAction } from "@/lib/auth/actions";

/** The inactivity warning shows this long before the cutoff. */
const IDLE_WARN_SECONDS = 60;
/** The time limit warns this long before it. */
const CAP_WARN_SECONDS = 5 * 60;

function clock(seconds: number): string {
  const s = Math.max(0, seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}

const minutesText = (seconds: number) => {
  const m = Math.max(1, Math.ceil(seconds / 60));
  return `${m} minute${m === 1 ? "" : "s"}`;
};

/**
 * The impersonation's clocks: the inactivity countdown (a warning a minute before the cutoff, with
 * "Stay signed in", and off to the sign-in page at zero, so the user's data does not stay on an
 * unattended screen) and the time left to the absolute cap (a warning five minutes before it, and a
 * reload at the cap, when the server ends it and the sign-in page says so). The server is the
 * authority; these only mirror it. Screen readers hear a polite announcement when a warning starts
 * and at most once a minute after — never the ticking seconds.
 */
export function InactivityCountdown({ idleSeconds, capAt }: { idleSeconds: number; capAt: string }) {
  const pathname = usePathname();
  const capTime = Date.parse(capAt);
  const [deadline, setDeadline] = useState(() => Date.now() + idleSeconds * 1000);
  const [now, setNow] = useState(() => Date.now());
  const [pending, startTransition] = useTransition();
  const [announcement, setAnnouncement] = useState("");
  const [announcedAt, setAnnouncedAt] = useState<{ idle: number | null; cap: number | null }>({ idle: null, cap: null });
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

  const idleLeft = Math.ceil((deadline - now) / 1000);
  const capLeft = Math.ceil((capTime - now) / 1000);
  useEffect(() => {
    // A full page load, not a client navigation: nothing of the user's data stays in memory.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    if (idleLeft <= 0) window.location.assign("/sign-in?notice=inactivity");
    else if (capLeft <= 0) window.location.reload();
  }, [idleLeft, capLeft]);

  // What a screen reader hears: each warning when it starts, then at most once a minute (worked out
  // while rendering, as the path above is: it follows from the clock).
  const idleWarning = idleLeft <= IDLE_WARN_SECONDS;
  const capWarning = capLeft <= CAP_WARN_SECONDS;
  const minute = Math.floor(now / 60_000);
  if (idleWarning && announcedAt.idle === null) {
    setAnnouncedAt({ ...announcedAt, idle: minute });
    setAnnouncement(`Impersonation Mode will end in ${minutesText(idleLeft)} without activity. Choose Stay signed in to continue.`);
  } else if (!idleWarning && announcedAt.idle !== null) {
    setAnnouncedAt({ ...announcedAt, idle: null });
  } else if (capWarning && !idleWarning && (announcedAt.cap === null || minute > announcedAt.cap)) {
    setAnnouncedAt({ ...announcedAt, cap: minute });
    setAnnouncement(`Impersonation Mode reaches its time limit in ${minutesText(capLeft)}.`);
  }

  return (
    <>
      <p className="sr-only" aria-live="polite" aria-atomic="true" data-testid="impersonation-announcement">
        {announcement}
      </p>
      <span
        className={capWarning ? "rounded-md bg-amber-300 px-2 py-0.5 font-semibold text-slate-900" : "text-red-50"}
        data-testid="time-limit"
        title="Impersonation Mode ends at its time limit, whatever the activity."
      >
        {capWarning ? "Time limit in " : "Time left "}
        <span className="font-mono" aria-hidden="true">
          {clock(capLeft)}
        </span>
        <span className="sr-only">{minutesText(capLeft)}</span>
      </span>
      {idleWarning ? (
        <div className="flex items-center gap-3 rounded-md bg-white/15 px-3 py-1" data-testid="inactivity-warning">
          <span>
            You will be signed out in{" "}
            <span className="font-mono font-semibold" aria-hidden="true">
              {clock(idleLeft)}
            </span>
            <span className="sr-only">{minutesText(idleLeft)} unless you continue</span>
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
            className="rounded-md border border-white/70 px-2 py-0.5 font-medium hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-white"
          >
            Stay signed in
          </button>
        </div>
      ) : null}
    </>
  );
}
