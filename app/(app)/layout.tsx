import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { requireContext } from "@/lib/context";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const { viewer, scope, config } = await requireContext();
  return (
    <>
      <AppHeader appName={config.APP_NAME} userName={viewer.name} isAdmin={scope.isUserAdmin} />
      <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-6xl px-4 py-8">{children}</main>
    </>
  );
}
