import type { Metadata } from "next";
import { cookies } from "next/headers";
import type { ReactNode } from "react";
import { ImpersonationBanner } from "@/components/impersonation/impersonation-banner";
import { SessionExpiryGuard } from "@/components/session/session-expiry-guard";
import { TimeZoneCookie } from "@/components/session/time-zone-cookie";
import { impersonationIdleSecondsLeft } from "@/lib/auth/request-check";
import { getContext } from "@/lib/context";
import { formatTime } from "@/lib/format/time";
import { BROWSER_TIME_ZONE_COOKIE } from "@/lib/format/time-zone";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Kaizen Hub", template: "%s · Kaizen Hub" },
  description: "A continuous-improvement workspace.",
};

/** Seconds from now, by the server's clock, to an ISO time (a browser's clock may be off). */
const secondsUntil = (iso: string) => Math.max(0, Math.round((Date.parse(iso) - Date.now()) / 1000));

export default async function RootLayout({ children }: { children: ReactNode }) {
  const ctx = await getContext();
  const browserZone = ctx ? ((await cookies()).get(BROWSER_TIME_ZONE_COOKIE)?.value ?? null) : null;
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-blue-800 focus:shadow-lg focus:outline-2 focus:outline-blue-700"
        >
          Skip to main content
        </a>
        {ctx?.actor && ctx.impersonation ? (
          <ImpersonationBanner
            actorName={ctx.actor.name}
            targetName={ctx.viewer.name}
            idleSeconds={ctx.impersonation.idleTimeoutSeconds}
            idleSecondsLeft={await impersonationIdleSecondsLeft(ctx.impersonation)}
            capSecondsLeft={Math.min(
              secondsUntil(ctx.impersonation.absoluteExpiresAt),
              ctx.impersonation.grantExpiresAt ? secondsUntil(ctx.impersonation.grantExpiresAt) : Infinity,
            )}
            viewOnly={Boolean(ctx.impersonation.viewOnly)}
            grantUntil={ctx.impersonation.grantExpiresAt ? formatTime(new Date(ctx.impersonation.grantExpiresAt), "datetime", { timeZone: ctx.timeZone }) : null}
          />
        ) : null}
        {ctx ? <SessionExpiryGuard /> : null}
        {ctx ? <TimeZoneCookie known={browserZone} /> : null}
        {children}
      </body>
    </html>
  );
}
