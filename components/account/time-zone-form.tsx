"use client";

import { useActionState, useSyncExternalStore } from "react";
import { ActionOutcome } from "@/components/ui/action-outcome";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { updateTimeZoneAction } from "@/lib/account/actions";

const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
const noSubscription = () => () => {};

/** The zone dates are shown in: the browser's own (the default), or one chosen from the list. */
export function TimeZoneForm({ current, zones }: { current: string | null; zones: string[] }) {
  const [state, action] = useActionState(updateTimeZoneAction, {});
  const own = useSyncExternalStore(noSubscription, browserZone, () => null);
  return (
    <form action={action} className="space-y-4" noValidate>
      <ActionOutcome state={state} />
      <SelectField
        label="Time zone"
        name="timeZone"
        defaultValue={current ?? ""}
        options={[{ value: "", label: own ? `Your browser's (${own})` : "Your browser's" }, ...zones.map((z) => ({ value: z, label: z.replace(/_/g, " ") }))]}
        errors={state.fieldErrors?.timeZone}
      />
      <SubmitButton pendingText="Saving…">Save time zone</SubmitButton>
    </form>
  );
}
