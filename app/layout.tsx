import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ImpersonationBanner } from "@/components/impersonation/impersonation-banner";
import { SessionExpiryGuard } from "@/components/session/session-expiry-guard";
import { getContext } from "@/lib/context";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Kaizen Hub", template: "%s · Kaizen Hub" },
  description: "A continuous-improvement workspace.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const ctx = await getContext();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {ctx?.actor && ctx.impersonation ? (
          <ImpersonationBanner actorName={ctx.actor.name} targetName={ctx.viewer.name} idleSeconds={ctx.impersonation.idleTimeoutSeconds} />
        ) : null}
        {ctx ? <SessionExpiryGuard /> : null}
        {children}
      </body>
    </html>
  );
}
