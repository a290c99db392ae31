import type { SelectHTMLAttributes } from "react";

type Option = { value: string; label: string };

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  name: string;
  options: Option[];
  errors?: string[];
  placeholder?: string;
  hideLabel?: boolean;
};

export function SelectField({ label, name, options, errors, placeholder, hideLabel, id = name, className = "", ...props }: SelectFieldProps) {
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
        className={`${hideLabel ? "" : "mt-1"} block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm ${
          invalid ? "border-red-600" : "border-slate-300"
        } focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30`}
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

/** Locations as indented options, in tree order. */
export function locationOptions(locations: { id: string; name: string; depth: number }[]): Option[] {
  return locations.map((l) => ({ value: l.id, label: `${"\u00a0\u00a0".repeat(l.depth)}${l.name}` }));
}
