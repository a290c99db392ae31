"use server";
// The Server Actions of consent before access.

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { drainOutboxNow } from "@/lib/jobs/scheduler";
import { formAction } from "@/lib/server-action";
import { formatTime } from "@/lib/format/time";
import { declineAccessRequest, grantAccess, requestAccess, revokeAccess } from "./mutations";

export const grantAccessAction = formAction(grantAccess, ({ expiresAt, answered, emailed }, { ctx }) => {
  revalidatePath("/account");
  if (emailed) after(drainOutboxNow); // the requesters' emails, right after the response
  const until = formatTime(expiresAt, "datetime", { timeZone: ctx.timeZone });
  return {
    ok: true,
    message: `Access granted until ${until}.${answered ? ` ${answered === 1 ? "The administrator who asked is" : "The administrators who asked are"} told.` : ""}`,
  };
});

export const revokeAccessAction = formAction(revokeAccess, ({ impersonationsEnded }) => {
  revalidatePath("/account");
  if (impersonationsEnded) after(drainOutboxNow); // the summary emails of what it ended
  return {
    ok: true,
    message: `Access revoked.${impersonationsEnded ? ` ${impersonationsEnded === 1 ? "The impersonation" : `${impersonationsEnded} impersonations`} running under it ended.` : ""}`,
  };
});

export const declineAccessRequestAction = formAction(declineAccessRequest, () => {
  revalidatePath("/account");
  return { ok: true, message: "Request declined." };
});

export const requestAccessAction = formAction(requestAccess, ({ name, emailed }) => {
  if (emailed) after(drainOutboxNow);
  return {
    ok: true,
    message: emailed
      ? `Request sent: ${name} is emailed and sees it on their Account page. You are emailed when they grant access.`
      : `Request recorded: ${name} has no email address, so they see it on their Account page only.`,
  };
});
