import { z } from "zod";
import { cursorSchema } from "@/lib/pagination";
import { searchSchema } from "./common";

/** The People list's query parameters (shared by /people and /admin/users); malformed ones are dropped. */
export const peopleFiltersSchema = z.object({
  q: searchSchema,
  location: searchSchema,
  after: cursorSchema,
  before: cursorSchema,
});
