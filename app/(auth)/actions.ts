"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/auth";
import { INVALID_CREDENTIALS, LOCKED_OUT } from "@/lib/auth/messages";
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
  try {
    await signIn("credentials", {
      username: parsed.data.username,
      password: parsed.data.password,
      redirectTo: safeCallbackPath(formData.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) {
      if (error.type === "CredentialsSignin") {
        const locked = (error as AuthError & { code?: string }).code === "locked";
        return { error: locked ? LOCKED_OUT : INVALID_CREDENTIALS, username };
      }
      return { error: "Sign-in failed. Please try again.", username };
    }
    throw error; // the redirect after a successful sign-in
  }
}
