// How an organization tunes Impersonation Mode: whether a reason is required (and how long), its own
// inactivity limit and absolute cap (never more than the server's), view-only impersonation, and
// whether the user's consent is required.
// Pure: the effective settings from the organization's row and the server's configuration.
import type { AppConfig } from "@/lib/context/create";

export type ImpersonationSettingsRow = {
  impersonationReasonRequired: boolean;
  impersonationReasonMinLength: number;
  impersonationIdleTimeoutSeconds: number | null;
  impersonationMaxDurationSeconds: number | null;
  impersonationViewOnly: boolean;
  impersonationConsentRequired: boolean;
};

export type ImpersonationSettings = {
  reasonRequired: boolean;
  reasonMinLength: number;
  /** The limits an impersonation starts with: the organization's, within the server's maximum. */
  idleTimeoutSeconds: number;
  maxDurationSeconds: number;
  viewOnly: boolean;
  /** An impersonation needs the user's open access grant (consent before access). */
  consentRequired: boolean;
  /** What the organization chose (null: the server's own). */
  chosen: { idleTimeoutSeconds: number | null; maxDurationSeconds: number | null };
  /** The server's maximums, which the organization's limits never exceed. */
  serverMax: { idleTimeoutSeconds: number; maxDurationSeconds: number };
};

export const SETTINGS_COLUMNS = {
  impersonationReasonRequired: true,
  impersonationReasonMinLength: true,
  impersonationIdleTimeoutSeconds: true,
  impersonationMaxDurationSeconds: true,
  impersonationViewOnly: true,
  impersonationConsentRequired: true,
} as const;

export function effectiveSettings(
  row: ImpersonationSettingsRow,
  config: Pick<AppConfig, "IMPERSONATION_IDLE_TIMEOUT_SECONDS" | "IMPERSONATION_MAX_DURATION_SECONDS">,
): ImpersonationSettings {
  const serverMax = { idleTimeoutSeconds: config.IMPERSONATION_IDLE_TIMEOUT_SECONDS, maxDurationSeconds: config.IMPERSONATION_MAX_DURATION_SECONDS };
  const within = (chosen: number | null, max: number) => (chosen && chosen > 0 ? Math.min(chosen, max) : max);
  return {
    reasonRequired: row.impersonationReasonRequired,
    reasonMinLength: row.impersonationReasonMinLength,
    idleTimeoutSeconds: within(row.impersonationIdleTimeoutSeconds, serverMax.idleTimeoutSeconds),
    maxDurationSeconds: within(row.impersonationMaxDurationSeconds, serverMax.maxDurationSeconds),
    viewOnly: row.impersonationViewOnly,
    consentRequired: row.impersonationConsentRequired,
    chosen: { idleTimeoutSeconds: row.impersonationIdleTimeoutSeconds, maxDurationSeconds: row.impersonationMaxDurationSeconds },
    serverMax,
  };
}

/** Why Confirm is refused without a (long enough) reason, when the organization requires one. */
export function reasonProblem(settings: Pick<ImpersonationSettings, "reasonRequired" | "reasonMinLength">, reason: string | null): string | null {
  if (!settings.reasonRequired) return null;
  const length = reason?.trim().length ?? 0;
  if (length === 0) return `Your organization requires a reason (at least ${settings.reasonMinLength} characters).`;
  if (length < settings.reasonMinLength) return `Give a reason of at least ${settings.reasonMinLength} characters (this one has ${length}).`;
  return null;
}
