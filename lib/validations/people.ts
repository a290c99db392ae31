import { cursorSchema } from "@/lib/pagination";
import { param, searchSchema } from "./common";

type SearchParams = Record<string, string | string[] | undefined>;

/** The People list's query parameters (shared by /people and /admin/users); malformed ones are dropped. */
export function peopleQueryFromSearchParams(sp: SearchParams) {
  return {
    search: searchSchema.parse(param(sp.q)),
    locationId: searchSchema.parse(param(sp.location)),
    after: cursorSchema.parse(param(sp.after)),
    before: cursorSchema.parse(param(sp.before)),
  };
}
