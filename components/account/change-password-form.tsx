"use client";

import { useActionState } from "react";
import { ActionOutcome } from "@/components/ui/action-outcome";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { changePasswordAction } from "@/lib/account/actions";

export function ChangePasswordForm() {
  const [state, action] = useActionState(changePasswordAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <ActionOutcome state={state} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={errors.currentPassword} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint="At least 12 characters."
        required
        errors={errors.newPassword}
      />
      <Field label="New password again" name="confirmPassword" type="password" autoComplete="new-password" required errors={errors.confirmPassword} />
      <SubmitButton pendingText="Changing…">Change password</SubmitButton>
    </form>
  );
}
