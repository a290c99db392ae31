import { z } from "zod";
import { EVENTS, isEventType } from "@/lib/timeline/events";
import { cursorSchema } from "@/lib/pagination";
import { searchSchema } from "./common";

/** The Admin Timeline's query parameters; malformed ones, and an event type of another timeline, are dropped. */
export const adminTimelineFiltersSchema = z.object({
  type: searchSchema.transform((type) => (type && isEventType(type) && EVENTS[type].scope === "ADMIN" ? type : undefined)),
  who: searchSchema,
  subject: searchSchema,
  after: cursorSchema,
  before: cursorSchema,
});
