// Changing the organization's Impersonation Mode settings: Global User Administrators only, within
// the server's maximums, every change recorded.
import { ActionError, defineMutation, FIX_FIELDS, NOT_ALLOWED, refused } from "@/lib/mutation";
import { isGlobalUserAdmin } from "@/lib/permissions/policy";
import { impersonationSettingsSchema } from "@/lib/validations/organization";
import { loadImpersonationSettings } from "./queries";
import { SETTINGS_COLUMNS } from "./settings";

const minutesLabel = (seconds: number | null) => (seconds === null ? "server default" : `${seconds / 60} min`);

export const updateImpersonationSettings = defineMutation({
  schema: impersonationSettingsSchema,
  // The rules of impersonation are not changed from inside one (as the user, by someone else).
  notWhileImpersonating: "changing the organization's settings",
  async authorize({ ctx, input, tx }) {
    if (!ctx.authority.active || !isGlobalUserAdmin(ctx.authority)) throw refused(NOT_ALLOWED, "changing the organization's settings");
    const { serverMax } = await loadImpersonationSettings(tx, ctx.viewer.organizationId, ctx.config);
    const fieldErrors: Record<string, string[]> = {};
    const maxIdle = Math.floor(serverMax.idleTimeoutSeconds / 60);
    const maxCap = Math.floor(serverMax.maxDurationSeconds / 60);
    if (input.idleMinutes !== null && input.idleMinutes > maxIdle) fieldErrors.idleMinutes = [`At most ${maxIdle} minutes (this server's limit).`];
    if (input.capMinutes !== null && input.capMinutes > maxCap) fieldErrors.capMinutes = [`At most ${maxCap} minutes (this server's limit).`];
    if (Object.keys(fieldErrors).length) throw new ActionError(FIX_FIELDS, fieldErrors);
  },
  async run({ ctx, input, tx, record }) {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: ctx.viewer.organizationId }, select: SETTINGS_COLUMNS });
    const after = {
      impersonationReasonRequired: input.reasonRequired,
      impersonationReasonMinLength: input.reasonMinLength,
      impersonationIdleTimeoutSeconds: input.idleMinutes === null ? null : input.idleMinutes * 60,
      impersonationMaxDurationSeconds: input.capMinutes === null ? null : input.capMinutes * 60,
      impersonationViewOnly: input.viewOnly,
      impersonationConsentRequired: input.consentRequired,
    };
    const shown = {
      impersonationReasonRequired: (v: boolean) => (v ? "required" : "optional"),
      impersonationReasonMinLength: (v: number) => `${v} characters`,
      impersonationIdleTimeoutSeconds: minutesLabel,
      impersonationMaxDurationSeconds: minutesLabel,
      impersonationViewOnly: (v: boolean) => (v ? "on" : "off"),
      impersonationConsentRequired: (v: boolean) => (v ? "required" : "not required"),
    } as const;
    const changes: Record<string, { from: string; to: string }> = {};
    for (const key of Object.keys(after) as (keyof typeof after)[]) {
      if (before[key] !== after[key]) changes[key] = { from: (shown[key] as (v: unknown) => string)(before[key]), to: (shown[key] as (v: unknown) => string)(after[key]) };
    }
    if (Object.keys(changes).length === 0) return { changed: false };
    await tx.organization.update({ where: { id: ctx.viewer.organizationId }, data: after });
    await record({ type: "organization.settings_changed", details: { changes } });
    return { changed: true };
  },
});
