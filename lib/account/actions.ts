"use server";
// The Server Actions of one's own account.

import { signOut } from "@/auth";
import { signOutEverywhere } from "@/lib/users/mutations";
import { formAction } from "@/lib/server-action";
import { revalidatePath } from "next/cache";
import { changePassword, updateTimeZone } from "./mutations";

/** The new password ends every sign-in, this one included: sign in again with it. */
export const changePasswordAction = formAction(changePassword, async () => {
  await signOut({ redirectTo: "/sign-in?notice=password-changed" });
});

/** Every sign-in of mine ends, this one too. */
export const signMeOutEverywhereAction = formAction(signOutEverywhere, async () => {
  await signOut({ redirectTo: "/sign-in?notice=signed-out-everywhere" });
});

/** Dates from now on in the chosen zone (or the browser's). */
export const updateTimeZoneAction = formAction(updateTimeZone, () => {
  revalidatePath("/", "layout");
  return { ok: true, message: "Time zone saved." };
});
