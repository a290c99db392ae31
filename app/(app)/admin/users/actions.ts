"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { authedAction } from "@/lib/auth/action";
import { db } from "@/lib/db";
import { createUser, grantPermission, revokePermission, setUserActive, updateUser } from "@/lib/users/service";
import { createUserSchema, grantSchema, revokeSchema, updateUserSchema, userIdSchema } from "@/lib/validations/users";

export const createUserAction = authedAction(createUserSchema, async (input, { who }) => {
  const user = await createUser(db, who, input);
  revalidatePath("/admin/users");
  redirect(`/admin/users/${user.id}?created=1`);
});

export const updateUserAction = authedAction(updateUserSchema, async (input, { who }) => {
  await updateUser(db, who, input);
  revalidatePath(`/admin/users/${input.userId}`);
  return { ok: true, message: "Saved." };
});

export const deactivateUserAction = authedAction(userIdSchema, async ({ userId }, { who }) => {
  await setUserActive(db, who, userId, false);
  revalidatePath(`/admin/users/${userId}`);
  return { ok: true, message: "The user is deactivated and can no longer sign in." };
});

export const reactivateUserAction = authedAction(userIdSchema, async ({ userId }, { who }) => {
  await setUserActive(db, who, userId, true);
  revalidatePath(`/admin/users/${userId}`);
  return { ok: true, message: "The user is active again." };
});

export const grantPermissionAction = authedAction(grantSchema, async (input, { who }) => {
  await grantPermission(db, who, input);
  revalidatePath(`/admin/users/${input.userId}`);
  return { ok: true, message: "Permission granted." };
});

export const revokePermissionAction = authedAction(revokeSchema, async (input, { who }) => {
  await revokePermission(db, who, input);
  revalidatePath(`/admin/users/${input.userId}`);
  return { ok: true, message: "Permission revoked." };
});
