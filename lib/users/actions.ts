"use server";
// The Server Actions of User Management.

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formAction, revalidated } from "@/lib/server-action";
import { createUser, deactivateUser, grantPermission, reactivateUser, revokePermission, updateUser } from "./mutations";

const userPage = ({ userId }: { userId: string }) => `/admin/users/${userId}`;

export const createUserAction = formAction(createUser, (user) => {
  revalidatePath("/admin/users");
  redirect(`/admin/users/${user.id}?created=1`);
});
export const updateUserAction = formAction(updateUser, revalidated(userPage, "Saved."));
export const deactivateUserAction = formAction(deactivateUser, revalidated(userPage, "The user is deactivated and can no longer sign in."));
export const reactivateUserAction = formAction(reactivateUser, revalidated(userPage, "The user is active again."));
export const grantPermissionAction = formAction(grantPermission, revalidated(userPage, "Permission granted."));
export const revokePermissionAction = formAction(revokePermission, revalidated(userPage, "Permission revoked."));
