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

/** A keyset cursor from a query parameter: opaque base64url, validated again where decoded. */
export const cursorSchema = text()
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/)
  .optional()
  .catch(undefined);

export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

/**
 * One keyset page from `rows`, fetched one past `pageSize` in the direction of travel (oldest first
 * when going back): the page in display order, and the cursors to the pages either side. `paged`:
 * whether this page was reached through a cursor (so there is one before it, going forward).
 */
export function keysetPage<T>(rows: T[], pageSize: number, options: { backwards: boolean; paged: boolean; key: (row: T) => (string | number)[] }) {
  const { backwards, paged, key } = options;
  const hasMore = rows.length > pageSize;
  const page = rows.slice(0, pageSize);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  return {
    page,
    nextCursor: last && (backwards ? paged : hasMore) ? encodeCursor(key(last)) : null,
    prevCursor: first && (backwards ? hasMore : paged) ? encodeCursor(key(first)) : null,
  };
}

export function decodeCursor(cursor: string | undefined, length: number): string[] | null {
  if (!cursor) return null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parts) && parts.length === length && parts.every((p) => typeof p === "string" || typeof p === "number")) {
      return parts.map(String);
    }
  } catch {
    // fall through: a malformed cursor means the first page
  }
  return null;
}

/** First value of a search parameter. */
export function param(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
