import { z } from "zod";
import { idSchema, text } from "./common";

/** A grant answers every request waiting for the user's answer. */
export const grantAccessSchema = z.object({
  duration: z.enum(["hour", "day", "week"], { error: "Choose how long: 1 hour, 1 day or 1 week." }),
});

export const revokeAccessSchema = z.object({ grantId: idSchema });

export const requestAccessSchema = z.object({
  targetId: idSchema,
  reason: text()
    .trim()
    .max(500, "Keep the reason under 500 characters.")
    .optional()
    .transform((v) => (v ? v : null)),
});

export const declineRequestSchema = z.object({ requestId: idSchema });
