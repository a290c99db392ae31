import { z } from "zod";
import { canonicalTimeZone } from "@/lib/format/time";
import { text } from "./common";

const newPassword = z
  .string({ error: "Enter a new password." })
  .min(12, "Passwords are at least 12 characters.")
  .max(256, "Passwords are at most 256 characters.");

export const changePasswordSchema = z
  .object({
    currentPassword: text({ error: "Enter your current password." }).min(1, "Enter your current password.").max(256),
    newPassword,
    confirmPassword: text({ error: "Enter the new password again." }).max(256),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ." })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a password you have not been using." });

/** A time zone from the Account page: an IANA name, or "" for the browser's own. */
export const timeZoneSchema = z.object({
  timeZone: text()
    .trim()
    .max(64)
    .optional()
    .transform((v, ctx) => {
      if (!v) return null;
      // Stored by its canonical name, whatever the spelling sent.
      const zone = canonicalTimeZone(v);
      if (!zone) ctx.addIssue({ code: "custom", message: "Choose a time zone from the list." });
      return zone ?? z.NEVER;
    }),
});
