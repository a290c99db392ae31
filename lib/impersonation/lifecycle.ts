// When an impersonation is over, computed rather than looked up: the rules every read, the
// per-request check and the scheduler share. Pure (no database): a row that says ACTIVE may already
// be over — idle past its limit, past its cap — and reads show it as it truly is, at its real end
// time, whether or not the scheduler has recorded the end yet.
import type { Attribution } from "@/lib/context/create";
import type { ImpersonationEndReason } from "@/lib/generated/prisma/enums";
import { grantEnd, type GrantTimes } from "@/lib/consent/rules";
import type { Authority } from "@/lib/permissions/policy";
import { canImpersonate } from "./policy";

export type EndReason = ImpersonationEndReason;
export type End = { reason: EndReason; endedAt: Date };

/**
 * How often a live impersonation's lastActivityAt is written: at most once in this long, and after
 * the response, not on every request. The record is at most this much behind the real last
 * activity, so an idle end time recorded from it is at most this much early.
 */
export const ACTIVITY_RECORD_INTERVAL_MS = 1_000;

/**
 * Slack when judging idleness against lastActivityAt: for clocks, request processing and the
 * record's lag. Never less than ACTIVITY_RECORD_INTERVAL_MS, so neither a request nor the scheduler
 * ends an impersonation still in use; and as the record is never ahead of the real activity, no
 * check is later than this after the real cutoff. (Requests are also judged exactly, by the signed
 * activity timestamp, in the middleware and again on the server.)
 */
export const IDLE_GRACE_MS = 2_000;

/** An impersonation's limits; `grant` is the access grant it runs under, when it started under one. */
export type Limits = { lastActivityAt: Date; idleTimeoutSeconds: number; absoluteExpiresAt: Date; grant?: GrantTimes | null };

type RunOut = End & { reason: "INACTIVITY" | "ABSOLUTE_CAP" | "CONSENT_REVOKED" | "CONSENT_EXPIRED" };

/**
 * Whether an active impersonation has run out by `now`, and if so why and when: whichever came
 * first of the idle cutoff (last activity + limit, allowing IDLE_GRACE_MS), the absolute cap, and
 * the end of the access grant it runs under (revoked or run out).
 */
export function howItRanOut(session: Limits, now: Date): RunOut | null {
  const idleEnd = new Date(session.lastActivityAt.getTime() + session.idleTimeoutSeconds * 1000);
  const ends: RunOut[] = [];
  if (now >= session.absoluteExpiresAt) ends.push({ reason: "ABSOLUTE_CAP", endedAt: session.absoluteExpiresAt });
  if (now.getTime() > idleEnd.getTime() + IDLE_GRACE_MS) ends.push({ reason: "INACTIVITY", endedAt: idleEnd });
  const byGrant = grantEnd(session.grant, now);
  if (byGrant) ends.push(byGrant);
  // The first to happen; on a tie, the first above (the cap before idleness, as it always was).
  return ends.reduce<RunOut | null>((first, end) => (!first || end.endedAt < first.endedAt ? end : first), null);
}

/**
 * Why a live impersonation must end now, if it must: its actor or target deactivated, or the policy
 * no longer allowing it (a permission or Location changed since it started, or the organization
 * began requiring consent and it runs under no grant).
 */
export function policyEnd(
  actor: Authority | undefined,
  target: Authority | null | undefined,
  consent: { required: boolean; underGrant: boolean } = { required: false, underGrant: false },
): EndReason | null {
  if (!actor || !target || !actor.active || !target.active) return "USER_DEACTIVATED";
  if (!canImpersonate(actor, target, { actorIsImpersonating: false }).ok) return "PERMISSIONS_CHANGED";
  return consent.required && !consent.underGrant ? "PERMISSIONS_CHANGED" : null;
}

/** A row as it truly is at `now`: an ACTIVE one that has run out reads as ended, when and why it did. */
export function asOf<T extends Limits & { status: string; endedAt: Date | null; endReason: EndReason | null }>(row: T, now: Date): T {
  if (row.status !== "ACTIVE") return row;
  const end = howItRanOut(row, now);
  return end ? { ...row, status: "ENDED", endedAt: end.endedAt, endReason: end.reason } : row;
}

/** An impersonation's own events are the actor's: they are both the effective user and the actor. */
export const actorAttribution = (actor: { id: string; organizationId: string }, impersonationSessionId?: string): Attribution => ({
  organizationId: actor.organizationId,
  userId: actor.id,
  actorId: actor.id,
  impersonationSessionId: impersonationSessionId ?? null,
});

/** What is not a change made as the user: the impersonation's own record (its start, end and emails) and refusals. */
export const NOT_A_CHANGE = { NOT: [{ type: { startsWith: "impersonation." } }, { type: "access.refused" }] };
