"use client";

import { useActionState } from "react";
import type { FormAction } from "@/lib/server-action";
import { ActionOutcome } from "./action-outcome";
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
  disabled,
  hidden,
}: {
  action: FormAction;
  fields: Record<string, string>;
  children: React.ReactNode;
  variant?: ButtonProps["variant"];
  /** Asked before sending (window.confirm). */
  confirm?: string;
  /** Accessible name, when the visible text is not enough. */
  label?: string;
  /** Shown but not usable (its outcome, if any, stays in view). */
  disabled?: boolean;
  /** No button (nothing to do any more), only its outcome, if any. */
  hidden?: boolean;
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
      {hidden ? null : (
        <SubmitButton variant={variant} className="px-3 py-1.5" aria-label={label} disabled={disabled} pendingText="Working…">
          {children}
        </SubmitButton>
      )}
      <ActionOutcome state={state} />
    </form>
  );
}
