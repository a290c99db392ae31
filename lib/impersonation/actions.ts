"use server";
// The Server Actions of Impersonation Mode.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { signOut } from "@/auth";
import { drainOutboxNow } from "@/lib/jobs/scheduler";
import { formAction } from "@/lib/server-action";
import { confirmImpersonation, revokeAllImpersonations, revokeImpersonation } from "./mutations";
import { setRequestCookie } from "./request-cookie";
import { cancelThisBrowsersRequest } from "./sign-in";

/** Confirm: the pending request is recorded; the actor is signed out to re-enter their own credentials. */
export const confirmImpersonationAction = formAction(confirmImpersonation, async ({ token }) => {
  await setRequestCookie(token);
  await signOut({ redirectTo: "/sign-in" });
});

/** End someone's active impersonation from the Admin pages. */
export const revokeImpersonationAction = formAction(revokeImpersonation, () => {
  revalidatePath("/admin/impersonations");
  after(drainOutboxNow); // the user's summary email, right after the response
  return { ok: true, message: "Impersonation ended. Its next request will be signed out." };
});

/** End all active (the console): each ended at its next request. */
export const revokeAllImpersonationsAction = formAction(revokeAllImpersonations, ({ ended }) => {
  revalidatePath("/admin/impersonations");
  if (ended > 0) after(drainOutboxNow); // the summary emails, right after the response
  return { ok: true, message: ended === 0 ? "No impersonation was active." : `Ended ${ended} impersonation${ended === 1 ? "" : "s"}. Each is signed out at its next request.` };
});

/** Cancel on the sign-in page: the pending impersonation is dropped and recorded. */
export async function cancelImpersonationRequestAction(): Promise<void> {
  await cancelThisBrowsersRequest();
  redirect("/sign-in?notice=impersonation-cancelled");
}
