import { z } from "zod";

/**
 * Every string the app accepts: as z.string(), but refusing NUL, which PostgreSQL cannot store (it
 * would turn a typo into a server error instead of a message).
 */
export const text = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).refine((v) => !v.includes("\u0000"), "Remove the invalid character (NUL) from this field.");

/** Ids are what the database made (letters, digits, - and _); anything else names nothing. */
const ID = /^[A-Za-z0-9_-]+$/;

export const idSchema = text({ error: "Missing id." }).trim().min(1, "Missing id.").max(64).regex(ID, "Not a valid id.");

/** An optional id from a <select>: "" means none. */
export const optionalIdSchema = text()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9_-]*$/, "Not a valid id.")
  .optional()
  .transform((v) => (v ? v : null));

/** A search string from a query parameter. */
export const searchSchema = text()
  .trim()
  .max(100)
  .optional()
  .catch(undefined)
  .transform((v) => (v ? v : undefined));
