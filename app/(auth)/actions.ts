"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { signIn } from "@/auth";
import { INVALID_CREDENTIALS, LOCKED_OUT, IMPERSONATION_MESSAGES } from "@/lib/auth/messages";
import { db } from "@/lib/db";
import { drainOutboxNow } from "@/lib/email/send";
import { clearRequestCookie, readRequestCookie } from "@/lib/impersonation/request-cookie";
import { cancelRequest } from "@/lib/impersonation/service";
import { safeCallbackPath, signInSchema } from "@/lib/validations/auth";

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
  // The page offered to complete a pending impersonation only if it showed its notice; a stale
  // request cookie is dropped so an ordinary sign-in is not refused because of it.
  const impersonating = formData.get("impersonation") === "1" && Boolean(await readRequestCookie());
  if (!impersonating) await clearRequestCookie();
  try {
    await signIn("credentials", {
      username: parsed.data.username,
      password: parsed.data.password,
      impersonation: impersonating ? "1" : "",
      redirectTo: impersonating ? "/" : safeCallbackPath(formData.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      if (error.type === "CredentialsSignin") {
        const code = (error as AuthError & { code?: string }).code ?? "";
        if (code === "locked") return { error: LOCKED_OUT, username };
        if (code in IMPERSONATION_MESSAGES) {
          // A mismatch keeps the request, so the right administrator can still sign in; an expired,
          // used or no-longer-allowed request is gone for good.
          if (code !== "impersonation-mismatch") await clearRequestCookie();
          return { error: IMPERSONATION_MESSAGES[code as keyof typeof IMPERSONATION_MESSAGES], username };
        }
        return { error: INVALID_CREDENTIALS, username };
      }
      return { error: "Sign-in failed. Please try again.", username };
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

/** Cancel on the sign-in page: the pending impersonation is dropped and recorded. */
export async function cancelImpersonationRequestAction(): Promise<void> {
  await cancelRequest(db, await readRequestCookie());
  await clearRequestCookie();
  redirect("/sign-in?notice=impersonation-cancelled");
}
