// A Server Action's FormData as the values a schema parses and the values a failed form shows again.
// Pure (no server imports), so it is tested on its own.

const SECRET_FIELD = /password|secret|token/i;

/** What was submitted, to fill the form again after an error: strings only, never a secret. */
export function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !SECRET_FIELD.test(key)) values[key] = value.slice(0, 5000);
  }
  return values;
}

/** FormData as a plain object; a key sent more than once, or named `…[]`, becomes an array. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length > 1 || key.endsWith("[]") ? values : values[0];
  }
  return out;
}
