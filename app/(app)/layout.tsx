import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { requireUser } from "@/lib/auth/session";
import { env } from "@/lib/env";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <AppHeader appName={env().APP_NAME} userName={user.name} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
