// A Server Action's FormData as the values a schema parses and the values a failed form shows again.
// Pure (no server imports), so it is tested on its own. The objects are built with
// Object.fromEntries, which defines each field as the object's own property: assigning a field named
// `__proto__` would instead replace the object's prototype (with a list, an array's).

const SECRET_FIELD = /password|secret|token/i;

/** What was submitted, to fill the form again after an error: strings only, never a secret. */
export function submittedValues(formData: FormData): Record<string, string> {
  const values = new Map<string, string>();
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !SECRET_FIELD.test(key)) values.set(key, value.slice(0, 5000));
  }
  return Object.fromEntries(values);
}

/** FormData as a plain object; a key sent more than once, or named `…[]`, becomes an array. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  return Object.fromEntries(
    [...new Set(formData.keys())]
      .filter((key) => !key.startsWith("$ACTION"))
      .map((key) => {
        const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
        return [key, values.length > 1 || key.endsWith("[]") ? values : values[0]];
      }),
  );
}
