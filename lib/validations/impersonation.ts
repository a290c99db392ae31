import { z } from "zod";
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
