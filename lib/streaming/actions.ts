"use server";
// The Server Actions of audit streaming.

import { revalidatePath } from "next/cache";
import { formAction } from "@/lib/server-action";
import { createAuditEndpoint, deleteAuditEndpoint, replayAuditDelivery, rotateAuditSecret, sendAuditTestEvent, setAuditEndpointStatus } from "./mutations";

const PAGE = "/admin/streaming";

/** The new endpoint's secret comes back once, for the page to show; it is never shown again. */
export const createAuditEndpointAction = formAction(createAuditEndpoint, ({ secret }) => {
  revalidatePath(PAGE);
  return { ok: true, message: `Endpoint added. Its signing secret, shown this once: ${secret}` };
});

export const rotateAuditSecretAction = formAction(rotateAuditSecret, ({ secret }) => {
  revalidatePath(PAGE);
  return { ok: true, message: `New signing secret, shown this once (the old one signs beside it for 24 hours): ${secret}` };
});

export const setAuditEndpointStatusAction = formAction(setAuditEndpointStatus, ({ changed }, { input }) => {
  revalidatePath(PAGE);
  return { ok: true, message: !changed ? "Nothing to change." : input.status === "PAUSED" ? "Paused: messages wait, in order, until you resume it." : "Resumed: what waited is being delivered, in order." };
});

export const deleteAuditEndpointAction = formAction(deleteAuditEndpoint, () => {
  revalidatePath(PAGE);
  return { ok: true, message: "Endpoint deleted, with everything queued for it." };
});

export const sendAuditTestEventAction = formAction(sendAuditTestEvent, ({ messageId }) => {
  revalidatePath(PAGE);
  return { ok: true, message: `Test event queued (${messageId}); see Deliveries for how it went.` };
});

export const replayAuditDeliveryAction = formAction(replayAuditDelivery, () => {
  revalidatePath(PAGE, "layout");
  return { ok: true, message: "Queued again, with the same webhook-id, at the end of the stream." };
});
