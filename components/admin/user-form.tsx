"use client";

import { useActionState } from "react";
import { ActionOutcome } from "@/components/ui/action-outcome";
import { Field } from "@/components/ui/field";
import { SelectField, type Option } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import type { FormAction } from "@/lib/server-action";

type Props = {
  action: FormAction;
  locations: Option[];
  user?: { id: string; username: string; name: string; email: string | null; locationId: string };
};

/** Create (no `user`) or edit a user's profile. */
export function UserForm({ action, locations, user }: Props) {
  const [state, formAction] = useActionState(action, {});
  const errors = state.fieldErrors ?? {};
  const v = state.values;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <ActionOutcome state={state} />
      {user ? <input type="hidden" name="userId" value={user.id} /> : null}
      {user ? (
        <p className="text-sm text-slate-600">
          Username: <span className="font-medium text-slate-900">{user.username}</span>
        </p>
      ) : (
        <Field label="Username" name="username" defaultValue={v?.username} autoComplete="off" autoCapitalize="none" spellCheck={false} required errors={errors.username} />
      )}
      <Field label="Full name" name="name" defaultValue={v?.name ?? user?.name} required errors={errors.name} />
      <Field label="Email" name="email" type="email" defaultValue={v?.email ?? user?.email ?? ""} hint="Optional." errors={errors.email} />
      <SelectField
        label="Home Location"
        name="locationId"
        defaultValue={v?.locationId ?? user?.locationId ?? ""}
        placeholder="Choose a Location"
        options={locations}
        errors={errors.locationId}
      />
      {user ? null : (
        <Field
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. Give it to the user through a safe channel."
          required
          errors={errors.password}
        />
      )}
      <SubmitButton>{user ? "Save changes" : "Create user"}</SubmitButton>
    </form>
  );
}
