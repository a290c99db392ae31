"use client";

import { useActionState, useState } from "react";
import { grantPermissionAction } from "@/app/(app)/admin/users/actions";
import { Alert } from "@/components/ui/alert";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";

/** Grant a permission; only what the administrator's own permissions cover is offered. */
export function GrantForm({
  userId,
  permissions,
  locations,
}: {
  userId: string;
  permissions: { value: string; label: string }[];
  locations: { value: string; label: string }[];
}) {
  const [state, formAction] = useActionState(grantPermissionAction, {});
  const [permission, setPermission] = useState("");
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" noValidate>
      {state.error ? <Alert tone="error">{state.error}</Alert> : null}
      {state.ok && state.message ? <Alert tone="success">{state.message}</Alert> : null}
      <input type="hidden" name="userId" value={userId} />
      <div className="flex flex-wrap items-end gap-3">
        <SelectField
          label="Permission"
          name="permission"
          placeholder="Choose a permission"
          options={permissions}
          value={permission}
          onChange={(e) => setPermission(e.target.value)}
          errors={errors.permission}
          className="min-w-60"
        />
        {permission === "LOCAL_USER_ADMIN" ? (
          <SelectField
            label="For Location"
            name="locationId"
            placeholder="Choose a Location"
            options={locations}
            errors={errors.locationId}
            className="min-w-48"
          />
        ) : null}
        <SubmitButton>Grant</SubmitButton>
      </div>
    </form>
  );
}
