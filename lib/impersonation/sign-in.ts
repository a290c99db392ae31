// What the sign-in page (where nobody is signed in yet) needs of Impersonation Mode.
import "server-only";
import { db } from "@/lib/db";
import { impersonationEndedMessage } from "@/lib/auth/messages";
import { formatDuration } from "@/lib/format/time";
import { impersonationState } from "./check";
import { findEndedImpersonation, readEndedParam } from "./ended-notice";
import { clearRequestCookie, readRequestCookie } from "./request-cookie";
import { cancelRequest, findPendingRequest } from "./start";

/** The pending request this browser confirmed, if it can still be used: the page offers to complete it. */
export async function pendingRequestOfThisBrowser() {
  return findPendingRequest(db, await readRequestCookie());
}

/** Cancel: the request this browser confirmed is dropped (and that recorded), and its cookie cleared. */
export async function cancelThisBrowsersRequest(): Promise<void> {
  await cancelRequest(db, await readRequestCookie());
  await clearRequestCookie();
}

/** Why the impersonation a signed `ended` parameter names ended, in words; null when it names none. */
export async function endedImpersonationMessage(param: unknown): Promise<string | null> {
  const id = await readEndedParam(param);
  if (!id) return null;
  // Usually recorded by now; but the request that found it over records its end after its
  // response, and this page may come first: then the end that is due is read the request's way.
  const ended = (await findEndedImpersonation(db, id)) ?? (await endThatIsDue(id));
  if (!ended) return "Impersonation Mode has ended. Sign in with your own username and password to return to your account.";
  return impersonationEndedMessage({ ...ended, idleLimit: formatDuration(ended.idleTimeoutSeconds), cap: formatDuration(ended.maxDurationSeconds) });
}

/** How impersonation `id` ended when its end is due but not recorded yet; null while it is live. */
async function endThatIsDue(id: string) {
  const state = await impersonationState(db, id, new Date());
  return state.live || !state.due ? null : findEndedImpersonation(db, id, state.due);
}
