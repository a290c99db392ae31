"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { createAuditEndpointAction } from "@/lib/streaming/actions";

export const SCOPE_OPTIONS = [
  { value: "IMPERSONATIONS", label: "Impersonations, and everything done during them" },
  { value: "ADMIN_TIMELINE", label: "Everything on the Admin Timeline" },
  { value: "BOTH", label: "Both" },
];

/** Add an endpoint: its URL and what it receives. The signing secret is shown once, here. */
export function AddEndpointForm({ httpsOnly }: { httpsOnly: boolean }) {
  const [state, action] = useActionState(createAuditEndpointAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.ok && state.message ? (
        <Alert tone="success">
          <p>{state.message.split(": whsec_")[0]}:</p>
          <code className="mt-1 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900" data-testid="signing-secret">
            whsec_{state.message.split(": whsec_")[1]}
          </code>
          <p className="mt-1">Keep it in your receiver&apos;s configuration: it verifies every delivery (Standard Webhooks).</p>
        </Alert>
      ) : state.error ? (
        <Alert tone="error">{state.error}</Alert>
      ) : null}
      <Field
        label="Endpoint URL"
        name="url"
        type="url"
        placeholder="https://siem.example.com/hooks/kaizen"
        hint={httpsOnly ? "https:// only; a private or internal address is refused." : "This server also allows http:// and private addresses (development, or AUDIT_STREAM_ALLOW_PRIVATE=1)."}
        defaultValue={state.ok ? "" : state.values?.url}
        errors={state.fieldErrors?.url}
      />
      <SelectField label="It receives" name="scope" defaultValue={state.ok ? "BOTH" : (state.values?.scope ?? "BOTH")} options={SCOPE_OPTIONS} errors={state.fieldErrors?.scope} className="max-w-md" />
      <SubmitButton pendingText="Adding…">Add endpoint</SubmitButton>
    </form>
  );
}
