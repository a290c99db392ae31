"use server";

import { revalidatePath } from "next/cache";
import { signOut } from "@/auth";
import { ActionError, authedAction } from "@/lib/auth/action";
import { getSession } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { DENIAL_MESSAGES } from "@/lib/impersonation/policy";
import { setRequestCookie } from "@/lib/impersonation/request-cookie";
import { endImpersonation, requestImpersonation, revokeImpersonation } from "@/lib/impersonation/service";
import { confirmImpersonationSchema, impersonationSessionIdSchema } from "@/lib/validations/impersonation";

/**
 * Sign out. During an impersonation this ends it (recorded with reason "sign out"); the actor then
 * signs in again with their own credentials to return to their account.
 */
export async function signOutAction(): Promise<void> {
  const session = await getSession();
  if (session?.impersonation) {
    await endImpersonation(db, session.impersonation.id, { reason: "SIGN_OUT" });
    await signOut({ redirectTo: "/sign-in?notice=impersonation-ended" });
  }
  await signOut({ redirectTo: "/sign-in?notice=signed-out" });
}

/**
 * Confirm in the Impersonate dialog: authorise (the icon being shown proves nothing: this is
 * reachable by a direct POST), record a pending request bound to the true actor, sign the actor
 * out and send them to re-enter their own credentials.
 */
export const confirmImpersonationAction = authedAction(confirmImpersonationSchema, async (input, { who, impersonating }) => {
  const result = await requestImpersonation(
    db,
    {
      actor: { id: who.actorId, organizationId: who.organizationId },
      targetId: input.targetId,
      reason: input.reason,
      actorIsImpersonating: impersonating,
    },
    env(),
  );
  if (!result.ok) throw new ActionError(DENIAL_MESSAGES[result.reason]);
  await setRequestCookie(result.token);
  await signOut({ redirectTo: "/sign-in" });
});

/**
 * "Stay signed in": a request, so the middleware refreshes the activity timestamp and the server
 * records the activity (reading the session checks and touches the impersonation).
 */
export async function keepSessionAliveAction(): Promise<{ ok: boolean }> {
  return { ok: Boolean(await getSession()) };
}

/** End someone's active impersonation from the Admin pages. */
export const revokeImpersonationAction = authedAction(impersonationSessionIdSchema, async ({ sessionId }, { who }) => {
  const outcome = await revokeImpersonation(db, who, sessionId);
  if (outcome === "not-allowed") throw new ActionError("You do not have permission to do that.");
  if (outcome === "not-found") throw new ActionError("That impersonation is not active any more.");
  revalidatePath("/admin/impersonations");
  return { ok: true, message: "Impersonation ended. Its next request will be signed out." };
});
