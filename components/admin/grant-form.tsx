"use client";

import { useActionState, useState } from "react";
import { ActionOutcome } from "@/components/ui/action-outcome";
import { SelectField, type Option } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { grantPermissionAction } from "@/lib/users/actions";

/** Grant a permission; only what the administrator's own permissions cover is offered. */
export function GrantForm({
  userId,
  permissions,
  locations,
}: {
  userId: string;
  permissions: Option[];
  locations: Option[];
}) {
  const [state, formAction] = useActionState(grantPermissionAction, {});
  const [permission, setPermission] = useState("");
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-3" noValidate>
      <ActionOutcome state={state} />
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
