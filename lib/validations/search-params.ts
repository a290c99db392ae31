// A list's filters from its query string: every list page and its export read them here, each list
// declaring its filters once as a zod object keyed by the parameter names. Pure (no server imports),
// so it is tested on its own.
import { z } from "zod";

/** A URL's query (a route handler's `URL.searchParams`) or the record a page's `searchParams` resolves to. */
export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** The first value the query gives `key`, as a link or a form sends it; "" (an empty field) is no value. */
function firstValue(input: SearchParamsInput, key: string): string | undefined {
  // Object.hasOwn: a record's inherited names (`constructor`, a polluted prototype) are no parameters.
  const value = input instanceof URLSearchParams ? input.get(key) : Object.hasOwn(input, key) ? input[key] : undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first !== "" ? first : undefined;
}

/**
 * Each of the schema's keys read from the query and parsed on its own, so one bad value spoils only
 * itself: it falls back to what the schema gives a missing one (its default, or nothing) and is
 * named in `problems` with its messages. A page drops those filters and says so; an export refuses
 * the request. Only the schema's keys are looked up, never a name the query chose (`__proto__`).
 * `filters` is whole only when `problems` is empty (a required key that failed is absent).
 */
export function readSearchParams<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>, input: SearchParamsInput) {
  const filters: [string, unknown][] = [];
  const problems: [string, string[]][] = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    const parsed = z.safeParse(field, firstValue(input, key));
    const value = parsed.success ? parsed : z.safeParse(field, undefined);
    if (!parsed.success) problems.push([key, parsed.error.issues.map((issue) => issue.message)]);
    if (value.success && value.data !== undefined) filters.push([key, value.data]);
  }
  // Object.fromEntries defines own properties: a key named `__proto__` could not replace the prototype.
  return {
    filters: Object.fromEntries(filters) as z.output<z.ZodObject<Shape>>,
    problems: Object.fromEntries(problems) as Partial<Record<keyof Shape & string, string[]>>,
  };
}
