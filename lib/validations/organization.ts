import { z } from "zod";
import { text } from "./common";

/** A checkbox: present ("on") or absent. */
const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true");

/** Minutes from a number field: empty means the server's own limit. */
const minutes = (what: string) =>
  text()
    .trim()
    .max(6)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) {
        ctx.addIssue({ code: "custom", message: `Enter the ${what} in whole minutes (at least 1), or leave it empty.` });
        return z.NEVER;
      }
      return n;
    });

export const impersonationSettingsSchema = z.object({
  reasonRequired: checkbox,
  reasonMinLength: z.coerce
    .number({ error: "Enter a number of characters." })
    .int("Enter a whole number of characters.")
    .min(1, "At least 1 character.")
    .max(200, "At most 200 characters."),
  idleMinutes: minutes("inactivity limit"),
  capMinutes: minutes("time limit"),
  viewOnly: checkbox,
  consentRequired: checkbox,
});
