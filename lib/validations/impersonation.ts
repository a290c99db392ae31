import { z } from "zod";
import { ImpersonationEndReason } from "@/lib/generated/prisma/enums";
import { cursorSchema } from "@/lib/pagination";
import { idSchema, text } from "./common";

export const confirmImpersonationSchema = z.object({
  targetId: idSchema,
  reason: text()
    .trim()
    .max(500, "Keep the reason under 500 characters.")
    .optional()
    .transform((v) => (v ? v : null)),
});

export const impersonationSessionIdSchema = z.object({ sessionId: idSchema });

const day = text()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-28.")
  // A real day: Date.parse would take 31 Feb for 3 March.
  .refine((v) => {
    const date = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v;
  }, "Use a real date.")
  .optional();
const username = text().trim().toLowerCase().max(64).regex(/^[a-z0-9._-]*$/, "Usernames have letters, digits, dots, dashes and underscores only.").optional();

/** The Impersonations console's filters (also its exports'): what the query string may say. */
export const impersonationFiltersSchema = z.object({
  status: z.enum(["active", "ended"]).optional(),
  actor: username,
  target: username,
  from: day,
  to: day,
  endReason: z.enum(ImpersonationEndReason).optional(),
  after: cursorSchema,
  before: cursorSchema,
});

export type ImpersonationFilters = z.output<typeof impersonationFiltersSchema>;

const exportFormatSchema = z.enum(["csv", "json"], { error: "Choose format=csv or format=json." });

/** The console's exports: its filters (every page of them: no cursor) and the format. */
export const impersonationExportSchema = impersonationFiltersSchema.omit({ after: true, before: true }).extend({ format: exportFormatSchema });
