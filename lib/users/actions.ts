"use server";
// The Server Actions of User Management.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { drainOutboxNow } from "@/lib/jobs/scheduler";
import { formAction, revalidated } from "@/lib/server-action";
import { clearLockout, createUser, deactivateUser, grantPermission, reactivateUser, revokePermission, signOutEverywhere, updateUser } from "./mutations";

const userPage = ({ userId }: { userId: string }) => `/admin/users/${userId}`;

export const createUserAction = formAction(createUser, (user) => {
  revalidatePath("/admin/users");
  redirect(`/admin/users/${user.id}?created=1`);
});
export const updateUserAction = formAction(updateUser, ({ emailNotice }, done) => {
  if (emailNotice) after(drainOutboxNow); // the old address hears of the change right away
  return revalidated(userPage, emailNotice ? "Saved. The previous address was told of the change." : "Saved.")(null, done);
});
export const deactivateUserAction = formAction(deactivateUser, revalidated(userPage, "The user is deactivated and can no longer sign in."));
export const reactivateUserAction = formAction(reactivateUser, revalidated(userPage, "The user is active again."));
export const grantPermissionAction = formAction(grantPermission, revalidated(userPage, "Permission granted."));
export const revokePermissionAction = formAction(revokePermission, revalidated(userPage, "Permission revoked."));
export const signOutEverywhereAction = formAction(signOutEverywhere, ({ sessionsEnded }, done) =>
  revalidated(userPage, `Signed out everywhere (${sessionsEnded} ${sessionsEnded === 1 ? "session" : "sessions"}).`)(null, done),
);
export const clearLockoutAction = formAction(clearLockout, () => {
  revalidatePath("/admin/lockouts");
  return { ok: true, message: "Lockout cleared: they can sign in again." };
});
