"use server";
// The Server Actions of the organization's settings.

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/server-action";
import { updateImpersonationSettings } from "./mutations";

export const updateImpersonationSettingsAction = formAction(updateImpersonationSettings, ({ changed }) => {
  revalidatePath("/admin/settings");
  return { ok: true, message: changed ? "Settings saved." : "Nothing to change." };
});
