"use client";

import { usePathname } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { keepSessionAliveAction } from "@/lib/auth/actions";
import { BACKGROUND_HEADER, SESSION_IDLE_PATH } from "@/lib/auth/edge/activity";

/** The inactivity warning shows this long before the cutoff. */
const IDLE_WARN_SECONDS = 60;
/** The time limit warns this long before it. */
const CAP_WARN_SECONDS = 5 * 60;
/** Every tab of this browser hears of every other tab's activity here. */
const CHANNEL = "kaizen.activity";

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

type Answer = { kind: "left"; seconds: number } | { kind: "over"; notice: string };

/** What the server says is left of the idle limit. A background request: asking is not activity. */
async function askServer(): Promise<Answer> {
  try {
    // An answer that never comes must not keep the page on screen: after 10 s, leave.
    const response = await fetch(SESSION_IDLE_PATH, { headers: { [BACKGROUND_HEADER]: "1" }, cache: "no-store", signal: AbortSignal.timeout(10_000) });
    if (response.ok) {
      const body = (await response.json()) as { idleSecondsLeft?: unknown };
      if (typeof body.idleSecondsLeft === "number") return { kind: "left", seconds: body.idleSecondsLeft };
    }
    const reason = response.headers.get("x-kaizen-session");
    return { kind: "over", notice: reason === "cookie-conflict" ? reason : "inactivity" };
  } catch {
    return { kind: "over", notice: "inactivity" }; // the server cannot be asked: leave rather than stay on screen
  }
}

/**
 * The impersonation's clocks: the inactivity countdown (a warning a minute before the cutoff, with
 * "Stay signed in", and off to the sign-in page at zero, so the user's data does not stay on an
 * unattended screen) and the time left to the absolute cap (a warning five minutes before it, and a
 * reload at the cap, when the server ends it and the sign-in page says so). The server is the
 * authority; these only mirror it.
 *
 * Every tab counts down from the session's one last activity, wherever it happened: a tab tells the
 * others of its own (BroadcastChannel), and before it leaves it asks the server what is left (a
 * background request, not activity), which also covers a tab that slept through the others' news.
 * So a tab left alone neither leaves while another is in use nor keeps the session alive by
 * leaving: its trip to the sign-in page is the page's own navigation, which the server never counts.
 *
 * Screen readers hear a polite announcement when a warning starts and at most once a minute after
 * — never the ticking seconds.
 */
export function InactivityCountdown({
  idleSeconds,
  idleSecondsLeft,
  capSecondsLeft,
}: {
  idleSeconds: number;
  idleSecondsLeft: number;
  capSecondsLeft: number;
}) {
  const pathname = usePathname();
  // Both clocks run on the browser's time from what the server said was left, so a browser clock
  // that is off by minutes neither hides the cap nor reloads at every load.
  const [capTime] = useState(() => Date.now() + capSecondsLeft * 1000);
  // The server worked out what this page's own request left (all of it when it was the user's doing).
  const [deadline, setDeadline] = useState(() => Date.now() + idleSecondsLeft * 1000);
  const [now, setNow] = useState(() => Date.now());
  const [pending, startTransition] = useTransition();
  const [announcement, setAnnouncement] = useState("");
  const [announcedAt, setAnnouncedAt] = useState<{ idle: number | null; cap: number | null }>({ idle: null, cap: null });
  const channel = useRef<BroadcastChannel | null>(null);
  const deadlineRef = useRef(deadline);
  /** The deadline last asked about: one question each time a deadline runs out. */
  const asked = useRef({ deadline: 0, busy: false });
  /** Reloaded at the cap already: once per page. */
  const reloaded = useRef(false);

  useEffect(() => {
    if (typeof BroadcastChannel === "undefined") return;
    const c = new BroadcastChannel(CHANNEL);
    c.onmessage = (event: MessageEvent<{ deadline?: unknown }>) => {
      const theirs = event.data?.deadline;
      if (typeof theirs === "number" && Number.isFinite(theirs)) setDeadline((current) => Math.max(current, theirs));
    };
    channel.current = c;
    return () => {
      channel.current = null;
      c.close();
    };
  }, []);

  /** This tab saw the user's activity: its deadline moves, and the other tabs hear of it. */
  const active = useCallback(() => {
    const next = Date.now() + idleSeconds * 1000;
    setDeadline((current) => Math.max(current, next));
    channel.current?.postMessage({ deadline: next });
  }, [idleSeconds]);

  // A client-side navigation is a request of the user's, and so activity; this page's load tells
  // the other tabs what it was told.
  const [seenPath, setSeenPath] = useState(pathname);
  if (seenPath !== pathname) {
    setSeenPath(pathname);
    setDeadline((current) => Math.max(current, Date.now() + idleSeconds * 1000));
  }
  useEffect(() => {
    deadlineRef.current = deadline;
  }, [deadline]);
  useEffect(() => {
    channel.current?.postMessage({ deadline: deadlineRef.current });
  }, [pathname]);
  // A form sent is a request too.
  useEffect(() => {
    document.addEventListener("submit", active, true);
    return () => document.removeEventListener("submit", active, true);
  }, [active]);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, []);

  const idleLeft = Math.ceil((deadline - now) / 1000);
  const capLeft = Math.ceil((capTime - now) / 1000);
  const runOut = idleLeft <= 0;
  useEffect(() => {
    if (capLeft <= 0) {
      // The server ends it at its cap, and the sign-in page says so; once per page.
      if (!reloaded.current) window.location.reload();
      reloaded.current = true;
      return;
    }
    if (!runOut || asked.current.busy || asked.current.deadline === deadline) return;
    asked.current = { deadline, busy: true };
    void askServer().then((answer) => {
      if (answer.kind === "over") {
        // A full page load, not a client navigation: nothing of the user's data stays in memory.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign(`/sign-in?notice=${answer.notice}`);
        return;
      }
      // Another tab was used (or the server's whole seconds leave one more): count down again.
      asked.current = { deadline, busy: false };
      setDeadline(Date.now() + Math.max(1, answer.seconds) * 1000);
    });
  }, [runOut, deadline, capLeft]);

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
                active();
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
