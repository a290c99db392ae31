"use client";

import { useActionState } from "react";
import { ActionOutcome } from "@/components/ui/action-outcome";
import { Field } from "@/components/ui/field";
import { SelectField, type Option } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { createBoardAction, renameBoardAction, updateBoardFiltersAction } from "@/lib/boards/actions";
import type { BoardFilters } from "@/lib/validations/boards";
export type FilterOptions = { statuses: Option[]; locations: Option[]; people: Option[] };

/** The fields of a Board's saved filter of Items. */
function FilterFields({
  options,
  filters,
  errors,
  values,
}: {
  options: FilterOptions;
  filters?: BoardFilters;
  errors: Record<string, string[] | undefined>;
  values?: Record<string, string>;
}) {
  return (
    <>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Statuses shown (none ticked: all)</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {options.statuses.map((s) => (
            <label key={s.value} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="statuses[]" value={s.value} defaultChecked={filters?.statuses?.includes(s.value as never)} className="h-4 w-4" />
              {s.label}
            </label>
          ))}
        </div>
        {errors["statuses[]"] ? <p className="mt-1 text-sm text-red-700">{errors["statuses[]"].join(" ")}</p> : null}
      </fieldset>
      <SelectField label="Location" name="locationId" defaultValue={values?.locationId ?? filters?.locationId ?? ""} placeholder="All Locations" options={options.locations} errors={errors.locationId} />
      <SelectField
        label="Assignee"
        name="assigneeId"
        defaultValue={values?.assigneeId ?? filters?.assigneeId ?? ""}
        placeholder="Anyone"
        options={[{ value: "me", label: "Me" }, { value: "none", label: "Nobody" }, ...options.people]}
        errors={errors.assigneeId}
      />
      <Field label="Text in title or description" name="query" defaultValue={values?.query ?? filters?.query ?? ""} errors={errors.query} />
    </>
  );
}

export function CreateBoardForm({ options }: { options: FilterOptions }) {
  const [state, action] = useActionState(createBoardAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <ActionOutcome state={state} />
      <Field label="Board name" name="name" defaultValue={state.values?.name} required errors={errors.name} />
      <FilterFields options={options} errors={errors} values={state.values} />
      <SubmitButton>Create Board</SubmitButton>
    </form>
  );
}

export function RenameBoardForm({ boardId, name }: { boardId: string; name: string }) {
  const [state, action] = useActionState(renameBoardAction, {});
  return (
    <form action={action} className="space-y-3" noValidate>
      <input type="hidden" name="boardId" value={boardId} />
      <Field label="Board name" name="name" defaultValue={state.values?.name ?? name} required errors={state.fieldErrors?.name} />
      <SubmitButton variant="secondary">Rename</SubmitButton>
      <ActionOutcome state={state} />
    </form>
  );
}

export function BoardFiltersForm({ boardId, filters, options }: { boardId: string; filters: BoardFilters; options: FilterOptions }) {
  const [state, action] = useActionState(updateBoardFiltersAction, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="boardId" value={boardId} />
      <FilterFields options={options} filters={filters} errors={state.fieldErrors ?? {}} values={state.values} />
      <SubmitButton variant="secondary">Save filters</SubmitButton>
      <ActionOutcome state={state} />
    </form>
  );
}
