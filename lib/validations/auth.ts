import { z } from "zod";
import { text } from "./common";

/** Usernames: compared case-insensitively, stored lower-case. */
const usernameSchema = text({ error: "Enter your username." })
  .trim()
  .min(1, "Enter your username.")
  .max(64, "Usernames are at most 64 characters.")
  .transform((v) => v.toLowerCase());

export const signInSchema = z.object({
  username: usernameSchema,
  password: text({ error: "Enter your password." })
    .min(1, "Enter your password.")
    .max(256, "Passwords are at most 256 characters."),
});

/**
 * Where to go after signing in: only ever a path on this site. An absolute URL (Auth.js puts one
 * in `callbackUrl`) keeps just its path, so no value can redirect off-site.
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value.length > 1024) return "/";
  try {
    const url = new URL(value, "http://local.invalid");
    const path = `${url.pathname}${url.search}`;
    return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/sign-in") ? path : "/";
  } catch {
    return "/";
  }
}
