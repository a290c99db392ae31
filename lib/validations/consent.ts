import { z } from "zod";
import { idSchema } from "./common";
import { confirmImpersonationSchema } from "./impersonation";

/** A grant answers every request waiting for the user's answer. */
export const grantAccessSchema = z.object({
  duration: z.enum(["hour", "day", "week"], { error: "Choose how long: 1 hour, 1 day or 1 week." }),
});

export const revokeAccessSchema = z.object({ grantId: idSchema });

/** Asking for access takes what Confirm takes: the user, and a reason under the same rule. */
export const requestAccessSchema = confirmImpersonationSchema;

export const declineRequestSchema = z.object({ requestId: idSchema });
