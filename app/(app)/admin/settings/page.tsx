import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SettingsForm } from "@/components/admin/settings-form";
import { Alert } from "@/components/ui/alert";
import { requireAdminContext } from "@/lib/context";
import { getImpersonationSettings } from "@/lib/organization/queries";
import { isGlobalUserAdmin } from "@/lib/permissions/policy";

export const metadata: Metadata = { title: "Settings" };

/** The organization's Impersonation Mode settings: Global User Administrators only. */
export default async function SettingsPage() {
  const ctx = await requireAdminContext();
  if (!isGlobalUserAdmin(ctx.authority)) notFound();
  const settings = await getImpersonationSettings(ctx);
  return (
    <div className="max-w-2xl space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="mt-1 text-slate-600">How Impersonation Mode works in your organization. Every change is recorded in the Admin Timeline.</p>
      </div>
      {ctx.impersonation ? (
        <Alert tone="info">Impersonation Mode&apos;s settings cannot be changed while impersonating. Sign in as yourself to change them.</Alert>
      ) : (
        <SettingsForm
          settings={{
            reasonRequired: settings.reasonRequired,
            reasonMinLength: settings.reasonMinLength,
            idleMinutes: settings.chosen.idleTimeoutSeconds === null ? null : settings.chosen.idleTimeoutSeconds / 60,
            capMinutes: settings.chosen.maxDurationSeconds === null ? null : settings.chosen.maxDurationSeconds / 60,
            viewOnly: settings.viewOnly,
            consentRequired: settings.consentRequired,
          }}
          serverMax={{ idleMinutes: Math.floor(settings.serverMax.idleTimeoutSeconds / 60), capMinutes: Math.floor(settings.serverMax.maxDurationSeconds / 60) }}
        />
      )}
    </div>
  );
}
