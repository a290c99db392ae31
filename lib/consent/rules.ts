// Consent before access, the rules alone (pure: no database). With the organization's "Require the
// user's consent" on, an impersonation needs an open grant the user made on their Account page; an
// impersonation that ran under a grant ends when the grant is revoked or runs out.

/** How long a user may grant access for (the Account page's choices). */
export const GRANT_DURATIONS = {
  hour: { seconds: 60 * 60, label: "1 hour" },
  day: { seconds: 24 * 60 * 60, label: "1 day" },
  week: { seconds: 7 * 24 * 60 * 60, label: "1 week" },
} as const;

export type GrantDuration = keyof typeof GRANT_DURATIONS;

/** How long a request for access waits for the user's answer before it expires. */
export const ACCESS_REQUEST_TTL_SECONDS = 3 * 24 * 60 * 60;

export type GrantTimes = { expiresAt: Date; revokedAt: Date | null };

/** Whether a grant is open at `now`. */
export const isOpenGrant = (grant: GrantTimes, now: Date) => grant.revokedAt === null && grant.expiresAt > now;

/**
 * Whether an impersonation that runs under `grant` is over at `now` because of it: revoked (ended
 * when it was revoked) or run out (ended when it did).
 */
export function grantEnd(grant: GrantTimes | null | undefined, now: Date): { reason: "CONSENT_REVOKED" | "CONSENT_EXPIRED"; endedAt: Date } | null {
  if (!grant) return null;
  if (grant.revokedAt && grant.revokedAt <= now && grant.revokedAt < grant.expiresAt) return { reason: "CONSENT_REVOKED", endedAt: grant.revokedAt };
  if (grant.expiresAt <= now) return { reason: "CONSENT_EXPIRED", endedAt: grant.expiresAt };
  return null;
}
