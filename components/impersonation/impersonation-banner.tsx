import { signOutAction } from "@/lib/auth/actions";
import { InactivityCountdown } from "./inactivity-countdown";

/** Across the top of every page while impersonating (rendered by the root layout). */
export function ImpersonationBanner({
  actorName,
  targetName,
  idleSeconds,
  idleSecondsLeft,
  capSecondsLeft,
  viewOnly,
  grantUntil,
}: {
  actorName: string;
  targetName: string;
  idleSeconds: number;
  /** What this page's own request left of the idle limit (all of it when it was the user's doing). */
  idleSecondsLeft: number;
  /** Seconds until the absolute cap ends it, by the server's clock. */
  capSecondsLeft: number;
  /** View-only: the organization refuses every change while impersonating. */
  viewOnly: boolean;
  /** When the user's access grant it runs under ends (consent before access), if it runs under one. */
  grantUntil: string | null;
}) {
  return (
    <div role="region" aria-label="Impersonation Mode" className="sticky top-0 z-40 bg-red-700 text-white shadow">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm">
        <p>
          <strong className="font-semibold uppercase tracking-wide">Impersonation Mode{viewOnly ? " · View only" : ""}</strong>
          <span className="mx-2" aria-hidden="true">·</span>
          <span data-testid="impersonation-banner-text">
            {actorName} is signed in as {targetName}.{" "}
            {viewOnly ? "You can look but not change anything (your organization's setting)." : `Changes you make appear as ${targetName}'s.`}
            {grantUntil ? ` Under the access ${targetName} granted, until ${grantUntil}.` : null}
          </span>
        </p>
        <InactivityCountdown idleSeconds={idleSeconds} idleSecondsLeft={idleSecondsLeft} capSecondsLeft={capSecondsLeft} />
        <form action={signOutAction}>
          <button type="submit" className="rounded-md bg-white px-3 py-1 font-medium text-red-800 hover:bg-red-50 focus-visible:outline-white">
            Sign Out
          </button>
        </form>
      </div>
    </div>
  );
}
