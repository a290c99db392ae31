import type { SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { inputClass } from "./field";

export type Option = { value: string; label: string };

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: Option[];
  errors?: string[];
  placeholder?: string;
  hideLabel?: boolean;
};

export function SelectField({ label, name, options, errors, placeholder, hideLabel, id = name, className, ...props }: SelectFieldProps) {
  const invalid = Boolean(errors?.length);
  return (
    <div className={className}>
      <label htmlFor={id} className={hideLabel ? "sr-only" : "block text-sm font-medium text-slate-800"}>
        {label}
      </label>
      <select
        // React does not re-apply a changed defaultValue to a <select> (a form reset would then
        // restore the old choice), so a new default remounts it.
        key={props.defaultValue === undefined ? undefined : String(props.defaultValue)}
        id={id}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        className={cn(inputClass, hideLabel && "mt-0", invalid && "border-red-600")}
        {...props}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {invalid ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
