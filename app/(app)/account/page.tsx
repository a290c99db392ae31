import type { Metadata } from "next";
import Link from "next/link";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { AccessForAdministrators } from "@/components/account/access-for-administrators";
import { TimeZoneForm } from "@/components/account/time-zone-form";
import { ActionButton } from "@/components/ui/action-button";
import { Alert } from "@/components/ui/alert";
import { signMeOutEverywhereAction } from "@/lib/account/actions";
import { myConsent } from "@/lib/consent/queries";
import { requireContext } from "@/lib/context";
import { formatTime } from "@/lib/format/time";
import { getImpersonationSettings } from "@/lib/organization/queries";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const ctx = await requireContext();
  const [settings, consent] = await Promise.all([getImpersonationSettings(ctx), myConsent(ctx)]);
  const when = (date: Date) => formatTime(date, "datetime", { timeZone: ctx.timeZone });
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Your account</h1>
        <p className="mt-1 text-slate-600">
          {ctx.viewer.name} · {ctx.viewer.username}
        </p>
      </div>
      <section aria-labelledby="access" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="access" className="mb-1 text-lg font-semibold">Account access</h2>
        <p className="text-sm text-slate-600">
          Every time an administrator signed in as you, and everything they did as you:{" "}
          <Link href="/account/access" className="font-medium text-blue-700 hover:underline">
            see Account access
          </Link>
          .
        </p>
      </section>
      <section aria-labelledby="consent" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="consent" className="mb-3 text-lg font-semibold">Access for administrators</h2>
        <AccessForAdministrators
          viewerName={ctx.viewer.name}
          view={{
            required: settings.consentRequired,
            grant: consent.grant ? { id: consent.grant.id, since: when(consent.grant.createdAt), until: when(consent.grant.expiresAt) } : null,
            requests: consent.requests.map((r) => ({ id: r.id, requester: r.requester.name, reason: r.reason, asked: when(r.createdAt), expires: when(r.expiresAt) })),
            impersonatedBy: ctx.actor?.name ?? null,
          }}
        />
      </section>
      {ctx.impersonation ? (
        <Alert tone="warning">While impersonating you cannot change this account&apos;s password or sign it out everywhere.</Alert>
      ) : (
        <>
          <section aria-labelledby="password" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h2 id="password" className="mb-1 text-lg font-semibold">Change password</h2>
            <p className="mb-4 text-sm text-slate-600">Every session of yours is signed out, this one too: you then sign in with the new password.</p>
            <ChangePasswordForm />
          </section>
          <section aria-labelledby="time-zone" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h2 id="time-zone" className="mb-1 text-lg font-semibold">Time zone</h2>
            <p className="mb-4 text-sm text-slate-600">Dates and times are shown in it (now: {ctx.timeZone.replace(/_/g, " ")}).</p>
            <TimeZoneForm current={ctx.authority.timeZone} zones={["UTC", ...Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC")]} />
          </section>
          <section aria-labelledby="everywhere" className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
            <h2 id="everywhere" className="mb-1 text-lg font-semibold">Sign out everywhere</h2>
            <p className="mb-4 text-sm text-slate-600">
              Ends every session of yours — on other computers and phones, and this one — at its next request.
            </p>
            <ActionButton action={signMeOutEverywhereAction} fields={{ userId: ctx.viewer.id }} variant="danger" confirm="Sign out of every session, this one included?">
              Sign out everywhere
            </ActionButton>
          </section>
        </>
      )}
    </div>
  );
}
