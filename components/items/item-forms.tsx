"use client";

import { useActionState, useEffect, useRef } from "react";
import { ActionOutcome } from "@/components/ui/action-outcome";
import { Field, TextAreaField } from "@/components/ui/field";
import { SelectField, type Option } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { addCommentAction, assignItemAction, changeItemStatusAction, createItemAction, updateItemAction } from "@/lib/items/actions";

export function CreateItemForm({ locations, people, defaultLocationId }: { locations: Option[]; people: Option[]; defaultLocationId?: string }) {
  const [state, action] = useActionState(createItemAction, {});
  const e = state.fieldErrors ?? {};
  const v = state.values;
  return (
    <form action={action} className="space-y-4" noValidate>
      <ActionOutcome state={state} />
      <Field label="Title" name="title" defaultValue={v?.title} required errors={e.title} />
      <TextAreaField label="Description" name="description" defaultValue={v?.description} errors={e.description} />
      <SelectField
        label="Location"
        name="locationId"
        placeholder="Choose a Location"
        defaultValue={v?.locationId ?? defaultLocationId ?? ""}
        options={locations}
        errors={e.locationId}
      />
      <SelectField label="Assignee" name="assigneeId" placeholder="Nobody yet" defaultValue={v?.assigneeId ?? ""} options={people} errors={e.assigneeId} />
      <SubmitButton>Create Item</SubmitButton>
    </form>
  );
}

export function EditItemForm({ item, locations }: { item: { id: string; title: string; description: string; locationId: string }; locations: Option[] }) {
  const [state, action] = useActionState(updateItemAction, {});
  const e = state.fieldErrors ?? {};
  const v = state.values;
  return (
    <form action={action} className="space-y-4" noValidate>
      <ActionOutcome state={state} />
      <input type="hidden" name="itemId" value={item.id} />
      <Field label="Title" name="title" defaultValue={v?.title ?? item.title} required errors={e.title} />
      <TextAreaField label="Description" name="description" defaultValue={v?.description ?? item.description} errors={e.description} />
      <SelectField label="Location" name="locationId" defaultValue={v?.locationId ?? item.locationId} options={locations} errors={e.locationId} />
      <SubmitButton>Save changes</SubmitButton>
    </form>
  );
}

export function StatusForm({ itemId, status, statuses }: { itemId: string; status: string; statuses: Option[] }) {
  const [state, action] = useActionState(changeItemStatusAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="itemId" value={itemId} />
      <div className="flex items-end gap-2">
        <SelectField label="Status" name="status" defaultValue={status} options={statuses} errors={state.fieldErrors?.status} className="flex-1" />
        <SubmitButton variant="secondary">Move</SubmitButton>
      </div>
      <ActionOutcome state={state} />
    </form>
  );
}

export function AssigneeForm({ itemId, assigneeId, people }: { itemId: string; assigneeId: string | null; people: Option[] }) {
  const [state, action] = useActionState(assignItemAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="itemId" value={itemId} />
      <div className="flex items-end gap-2">
        <SelectField
          label="Assignee"
          name="assigneeId"
          defaultValue={assigneeId ?? ""}
          placeholder="Nobody"
          options={people}
          errors={state.fieldErrors?.assigneeId}
          className="flex-1"
        />
        <SubmitButton variant="secondary">Assign</SubmitButton>
      </div>
      <ActionOutcome state={state} />
    </form>
  );
}

export function CommentForm({ itemId }: { itemId: string }) {
  const [state, action] = useActionState(addCommentAction, {});
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset(); // an empty box after each comment
  }, [state]);
  return (
    <form ref={form} action={action} className="space-y-3" noValidate>
      <input type="hidden" name="itemId" value={itemId} />
      <TextAreaField label="Add a comment" name="body" rows={3} defaultValue={state.values?.body} errors={state.fieldErrors?.body} />
      <SubmitButton pendingText="Posting…">Post comment</SubmitButton>
      <ActionOutcome state={state} />
    </form>
  );
}
