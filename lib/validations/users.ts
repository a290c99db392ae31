import { z } from "zod";
import { Permission } from "@/lib/generated/prisma/enums";
import { idSchema, text } from "./common";

const usernameField = text({ error: "Enter a username." })
  .trim()
  .toLowerCase()
  .min(2, "Usernames are at least 2 characters.")
  .max(64, "Usernames are at most 64 characters.")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "Use letters, digits, dots, dashes and underscores only.");

const fullName = text({ error: "Enter the full name." }).trim().min(1, "Enter the full name.").max(120, "At most 120 characters.");

const email = text()
  .trim()
  .max(254)
  .optional()
  .transform((v) => (v ? v.toLowerCase() : null))
  .pipe(z.email("Enter a valid email address, or leave it empty.").nullable());

const password = text({ error: "Enter an initial password." })
  .min(12, "Passwords are at least 12 characters.")
  .max(256, "Passwords are at most 256 characters.");

export const createUserSchema = z.object({
  username: usernameField,
  name: fullName,
  email,
  locationId: text({ error: "Choose a home Location." }).trim().min(1, "Choose a home Location.").max(64),
  password,
});

export const updateUserSchema = z.object({
  userId: idSchema,
  name: fullName,
  email,
  locationId: text({ error: "Choose a home Location." }).trim().min(1, "Choose a home Location.").max(64),
});

export const userIdSchema = z.object({ userId: idSchema });

export const grantSchema = z
  .object({
    userId: idSchema,
    permission: z.enum(Permission, { error: "Choose a permission." }),
    locationId: text()
      .trim()
      .max(64)
      .optional()
      .transform((v) => (v ? v : null)),
  })
  .refine((g) => g.permission !== "LOCAL_USER_ADMIN" || g.locationId, {
    path: ["locationId"],
    message: "Choose the Location this Local User Administrator manages.",
  });

export const revokeSchema = z.object({ userId: idSchema, grantId: idSchema });
