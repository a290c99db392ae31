import type { InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import { cn } from "./cn";

export const inputClass = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-blue-600 focus:outline-none focus:ring-2 focus:ring-blue-600/30";

type Described = { label: string; name: string; errors?: string[]; hint?: string; id?: string };

/** The label, hint and error messages around one control, wired for screen readers. */
function FieldFrame({
  label,
  id,
  errors,
  hint,
  className,
  children,
}: Omit<Described, "name"> & { id: string; className?: string; children: (aria: { invalid: boolean; describedBy?: string }) => React.ReactNode }) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const invalid = Boolean(errors?.length);
  const describedBy = [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mt-0.5 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {children({ invalid, describedBy })}
      {invalid ? (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {errors!.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its error messages. */
export function Field({ label, name, errors, hint, id = name, className, ...props }: Described & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} id={id} errors={errors} hint={hint} className={className}>
      {({ invalid, describedBy }) => (
        <input id={id} name={name} aria-invalid={invalid || undefined} aria-describedby={describedBy} className={cn(inputClass, invalid && "border-red-600")} {...props} />
      )}
    </FieldFrame>
  );
}

/** A labelled multi-line text box with its error messages. */
export function TextAreaField({ label, name, errors, hint, id = name, className, rows = 4, ...props }: Described & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldFrame label={label} id={id} errors={errors} hint={hint} className={className}>
      {({ invalid, describedBy }) => (
        <textarea id={id} name={name} rows={rows} aria-invalid={invalid || undefined} aria-describedby={describedBy} className={cn(inputClass, invalid && "border-red-600")} {...props} />
      )}
    </FieldFrame>
  );
}
