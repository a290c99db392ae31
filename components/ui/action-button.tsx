"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Alert } from "./alert";
import type { ButtonProps } from "./button";
import { SubmitButton } from "./submit-button";

/** A one-button form for a Server Action (hidden fields only), with its outcome shown beside it. */
export function ActionButton({
  action,
  fields,
  children,
  variant = "secondary",
  confirm,
  label,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  fields: Record<string, string>;
  children: React.ReactNode;
  variant?: ButtonProps["variant"];
  /** Asked before sending (window.confirm). */
  confirm?: string;
  /** Accessible name, when the visible text is not enough. */
  label?: string;
}) {
  const [state, formAction] = useActionState(action, {});
  return (
    <form
      action={formAction}
      className="inline-flex flex-col items-start gap-2"
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton variant={variant} className="px-3 py-1.5" aria-label={label} pendingText="Working…">
        {children}
      </SubmitButton>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
    </form>
  );
}
