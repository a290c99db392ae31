"use server";
// Signing in and out. With a pending impersonation request (its cookie, set at confirmation) the
// sign-in is the impersonation re-login; otherwise the ordinary one.

import { AuthError } from "next-auth";
import { after } from "next/server";
import { z } from "zod";
import { signIn, signOut } from "@/auth";
import { getContext } from "@/lib/context";
import { endedParam } from "@/lib/impersonation/ended-notice";
import { drainOutboxNow } from "@/lib/jobs/scheduler";
import { clearRequestCookie, readRequestCookie } from "@/lib/impersonation/request-cookie";
import { safeCallbackPath, signInSchema } from "@/lib/validations/auth";
import { impersonationMessage, INVALID_CREDENTIALS, LOCKED_OUT, SIGN_IN_FAILED, THROTTLED } from "./messages";

export type SignInState = {
  /** One message for unknown user, wrong password and deactivated user. */
  error?: string;
  fieldErrors?: { username?: string[]; password?: string[] };
  username?: string;
};

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const username = typeof formData.get("username") === "string" ? String(formData.get("username")).slice(0, 64) : "";
  const parsed = signInSchema.safeParse({ username: formData.get("username"), password: formData.get("password") });
  if (!parsed.success) {
    return { fieldErrors: z.flattenError(parsed.error).fieldErrors, username };
  }
  // Nothing is swept here: anyone can post this form, and a sweep of every organization per post
  // was theirs to spend. What ran out is ended on its schedule (lib/jobs); reads and the re-login
  // judge it as ended meanwhile, with its real end time.
  const impersonating = Boolean(await readRequestCookie());
  try {
    await signIn(impersonating ? "impersonation" : "credentials", {
      username: parsed.data.username,
      password: parsed.data.password,
      redirectTo: impersonating ? "/" : safeCallbackPath(formData.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      if (error.type === "CredentialsSignin") {
        const code = (error as AuthError & { code?: string }).code ?? "";
        if (code === "locked") return { error: LOCKED_OUT, username };
        if (code === "throttled") return { error: THROTTLED, username };
        const impersonationError = impersonationMessage(code);
        if (impersonationError) {
          // A mismatch keeps the request, so the right administrator can still sign in; an expired,
          // used or no-longer-allowed request is gone for good.
          if (code !== "impersonation-mismatch") await clearRequestCookie();
          return { error: impersonationError, username };
        }
        return { error: INVALID_CREDENTIALS, username };
      }
      return { error: SIGN_IN_FAILED, username };
    }
    // Success: the redirect. The request (if any) has been used; its notice goes out right after
    // the response, without delaying it (and the schedule retries whatever fails).
    if (impersonating) {
      await clearRequestCookie();
      after(drainOutboxNow);
    }
    throw error;
  }
}

/**
 * Sign out: this sign-in is closed (every copy of its token stops working) and, during an
 * impersonation, the impersonation ends, recorded with reason "sign out" (auth.ts, events.signOut);
 * the actor then signs in again with their own credentials to return to their account.
 */
export async function signOutAction(): Promise<void> {
  const ctx = await getContext();
  // Ending an impersonation enqueues the user's summary email: it goes right after the response.
  if (ctx?.impersonation) after(drainOutboxNow);
  // Leaving Impersonation Mode: the sign-in page says it ended, and how (its id signed, short-lived).
  await signOut({ redirectTo: ctx?.impersonation ? `/sign-in?ended=${await endedParam(ctx.impersonation.id)}` : "/sign-in?notice=signed-out" });
}

/**
 * "Stay signed in": a request, so the middleware refreshes the activity timestamp and the server
 * records the activity (reading the session checks and touches the impersonation).
 */
export async function keepSessionAliveAction(): Promise<{ ok: boolean }> {
  return { ok: Boolean(await getContext()) };
}
