import { z } from "zod";
import { idSchema, text } from "./common";

export const createEndpointSchema = z.object({
  url: text({ error: "Enter the endpoint's URL." }).trim().min(1, "Enter the endpoint's URL.").max(2000, "Keep the URL under 2,000 characters."),
  scope: z.enum(["IMPERSONATIONS", "ADMIN_TIMELINE", "BOTH"], { error: "Choose what it receives." }),
});

export const endpointIdSchema = z.object({ endpointId: idSchema });

export const endpointStatusSchema = z.object({ endpointId: idSchema, status: z.enum(["ACTIVE", "PAUSED"], { error: "Pause or resume." }) });

export const replaySchema = z.object({ deliveryId: idSchema });
