import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { requireViewer } from "@/lib/auth/viewer";
import { env } from "@/lib/env";
import { isUserAdmin } from "@/lib/permissions/policy";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { user, authority } = await requireViewer();
  return (
    <>
      <AppHeader appName={env().APP_NAME} userName={user.name} isAdmin={isUserAdmin(authority)} />
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
