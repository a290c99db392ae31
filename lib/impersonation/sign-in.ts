// What the sign-in page (where nobody is signed in yet) needs of Impersonation Mode.
import "server-only";
import { db } from "@/lib/db";
import { readRequestCookie } from "./request-cookie";
import { findPendingRequest, sweepStaleImpersonations } from "./service";

/** The pending request this browser confirmed, if it can still be used: the page offers to complete it. */
export async function pendingRequestOfThisBrowser() {
  return findPendingRequest(db, await readRequestCookie());
}

/** Ends whatever impersonation has run out (after an inactivity sign-out, so the record is prompt). */
export async function settleRunOutImpersonations(): Promise<void> {
  await sweepStaleImpersonations(db).catch(() => undefined);
}
