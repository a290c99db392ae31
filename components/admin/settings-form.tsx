"use client";

import { useActionState } from "react";
import { ActionOutcome } from "@/components/ui/action-outcome";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateImpersonationSettingsAction } from "@/lib/organization/actions";

type Values = { reasonRequired: boolean; reasonMinLength: number; idleMinutes: number | null; capMinutes: number | null; viewOnly: boolean; consentRequired: boolean };

function Checkbox({ name, label, hint, defaultChecked }: { name: string; label: string; hint: string; defaultChecked: boolean }) {
  return (
    <div className="flex items-start gap-3">
      <input
        id={`settings-${name}`}
        name={name}
        type="checkbox"
        defaultChecked={defaultChecked}
        aria-describedby={`settings-${name}-hint`}
        className="mt-1 h-4 w-4 rounded border-slate-400 text-blue-700 focus-visible:ring-2 focus-visible:ring-blue-600"
      />
      <div>
        <label htmlFor={`settings-${name}`} className="text-sm font-medium text-slate-800">
          {label}
        </label>
        <p id={`settings-${name}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      </div>
    </div>
  );
}

/** The organization's Impersonation Mode settings (Admin → Settings). */
export function SettingsForm({ settings, serverMax }: { settings: Values; serverMax: { idleMinutes: number; capMinutes: number } }) {
  const [state, action] = useActionState(updateImpersonationSettingsAction, {});
  const errors = state.fieldErrors ?? {};
  const sent = state.values;
  return (
    <form action={action} className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      <ActionOutcome state={state} />
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Reasons</legend>
        <Checkbox
          name="reasonRequired"
          label="Require a reason before Confirm"
          hint="The Impersonate window asks for one, and a confirmation without it is refused."
          defaultChecked={sent ? sent.reasonRequired === "on" : settings.reasonRequired}
        />
        <Field
          label="Shortest reason accepted (characters)"
          name="reasonMinLength"
          type="number"
          min={1}
          max={200}
          defaultValue={sent?.reasonMinLength ?? String(settings.reasonMinLength)}
          errors={errors.reasonMinLength}
          className="max-w-xs"
        />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Limits</legend>
        <p className="text-sm text-slate-600">New impersonations get these; ones already running keep theirs. Leave empty for this server&apos;s own.</p>
        <Field
          label="Inactivity limit (minutes)"
          name="idleMinutes"
          type="number"
          min={1}
          max={serverMax.idleMinutes}
          placeholder={`Server default: ${serverMax.idleMinutes}`}
          hint={`At most ${serverMax.idleMinutes} minutes (this server's limit).`}
          defaultValue={sent?.idleMinutes ?? (settings.idleMinutes === null ? "" : String(settings.idleMinutes))}
          errors={errors.idleMinutes}
          className="max-w-xs"
        />
        <Field
          label="Time limit of one impersonation (minutes)"
          name="capMinutes"
          type="number"
          min={1}
          max={serverMax.capMinutes}
          placeholder={`Server default: ${serverMax.capMinutes}`}
          hint={`At most ${serverMax.capMinutes} minutes (this server's limit).`}
          defaultValue={sent?.capMinutes ?? (settings.capMinutes === null ? "" : String(settings.capMinutes))}
          errors={errors.capMinutes}
          className="max-w-xs"
        />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">View only</legend>
        <Checkbox
          name="viewOnly"
          label="View-only impersonation"
          hint="Administrators can look as the user but change nothing: every change is refused while impersonating, and the banner says so."
          defaultChecked={sent ? sent.viewOnly === "on" : settings.viewOnly}
        />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Consent</legend>
        <Checkbox
          name="consentRequired"
          label="Require the user's consent"
          hint="An administrator may impersonate someone only while that person has granted access on their Account page (for 1 hour, 1 day or 1 week). The Impersonate window offers to ask them by email. Turning this on ends impersonations running without a grant."
          defaultChecked={sent ? sent.consentRequired === "on" : settings.consentRequired}
        />
      </fieldset>
      <SubmitButton pendingText="Saving…">Save settings</SubmitButton>
    </form>
  );
}
