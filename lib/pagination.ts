// Keyset pagination, shared by every long list (People, the Admin Timeline, the Impersonations
// console): a page is found by the last row's key, not by an offset, so page 10,000 costs what
// page 1 does. The cursor is opaque base64url JSON of that key.
import { text } from "@/lib/validations/common";

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
