// What the sign-in page (where nobody is signed in yet) needs of Impersonation Mode.
import "server-only";
import { db } from "@/lib/db";
import { impersonationEndedMessage } from "@/lib/auth/messages";
import { formatDuration } from "@/lib/format/time";
import { findEndedImpersonation, readEndedParam } from "./ended-notice";
import { readRequestCookie } from "./request-cookie";
import { findPendingRequest } from "./service";

/** The pending request this browser confirmed, if it can still be used: the page offers to complete it. */
export async function pendingRequestOfThisBrowser() {
  return findPendingRequest(db, await readRequestCookie());
}

/** Why the impersonation a signed `ended` parameter names ended, in words; null when it names none. */
export async function endedImpersonationMessage(param: unknown): Promise<string | null> {
  const id = await readEndedParam(param);
  if (!id) return null;
  const ended = await findEndedImpersonation(db, id);
  if (!ended) return "Impersonation Mode has ended. Sign in with your own username and password to return to your account.";
  return impersonationEndedMessage({ ...ended, idleLimit: formatDuration(ended.idleTimeoutSeconds), cap: formatDuration(ended.maxDurationSeconds) });
}
