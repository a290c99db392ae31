import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ImpersonationBanner } from "@/components/impersonation/impersonation-banner";
import { SessionExpiryGuard } from "@/components/session/session-expiry-guard";
import { getSession } from "@/lib/auth/session";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Kaizen Hub", template: "%s · Kaizen Hub" },
  description: "A continuous-improvement workspace.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await getSession();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {session?.actor && session.impersonation ? (
          <ImpersonationBanner
            actorName={session.actor.name}
            targetName={session.user.name}
            idleSeconds={session.impersonation.idleTimeoutSeconds}
          />
        ) : null}
        {session ? <SessionExpiryGuard /> : null}
        {children}
      </body>
    </html>
  );
}
