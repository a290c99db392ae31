// The check every request of an impersonation makes against the database (defence in depth:
// whatever the JWT or the middleware say). It reads; it does not write while the request is
// answered. What it finds over is over for this request at once, and its end is recorded after the
// response (the request "saw something due"), as is the activity of a live one.
import type { AppConfig } from "@/lib/context/create";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { AUTHORITY_COLUMNS, AUTHORITY_JOINS, authoritiesFromRows, type AuthorityRow, type UserAuthority } from "@/lib/permissions/authority";
import { endImpersonation } from "./end";
import { ACTIVITY_RECORD_INTERVAL_MS, howItRanOut, policyEnd, type End } from "./lifecycle";

type SessionColumns = {
  sessionStatus: string;
  lastActivityAt: Date;
  idleTimeoutSeconds: number;
  absoluteExpiresAt: Date;
  actorId: string;
  targetId: string;
  actorSignedIn: boolean;
  viewOnly: boolean;
  consentRequired: boolean;
  grantId: string | null;
  grantExpiresAt: Date | null;
  grantRevokedAt: Date | null;
};

export type ImpersonationState =
  | { live: true; target: UserAuthority; viewOnly: boolean; lastActivityAt: Date }
  /** `due`: over, but not recorded yet (recorded: the row says ENDED already, or it does not exist). */
  | { live: false; due: End | null };

/**
 * What impersonation `sessionId` is at `now`, read in one query: the impersonation, whether the
 * actor's sign-in `actorSessionId` is still open (when given), both people's authority (a row per
 * grant of each), the organization's view-only and consent settings, and the access grant it runs
 * under. Ended, idle past its limit or past its cap, its grant revoked or run out, its actor's
 * sign-in closed, or no longer allowed by the policy (a permission or Location changed since it
 * started, someone deactivated, consent now required and none given): not live, with the end that
 * is due.
 */
export async function impersonationState(db: PrismaClient, sessionId: string, now: Date, actorSessionId?: string): Promise<ImpersonationState> {
  const rows = await db.$queryRaw<(AuthorityRow & SessionColumns)[]>`
    SELECT s.status::text AS "sessionStatus", s."lastActivityAt", s."idleTimeoutSeconds", s."absoluteExpiresAt", s."actorId", s."targetId",
           EXISTS (SELECT 1 FROM "AuthSession" a
                    WHERE a.id = ${actorSessionId ?? null} AND a."userId" = s."actorId" AND a."revokedAt" IS NULL) AS "actorSignedIn",
           o."impersonationViewOnly" AS "viewOnly", o."impersonationConsentRequired" AS "consentRequired",
           s."grantId", ag."expiresAt" AS "grantExpiresAt", ag."revokedAt" AS "grantRevokedAt",
           ${AUTHORITY_COLUMNS}
      FROM "ImpersonationSession" s
      JOIN "Organization" o ON o.id = s."organizationId"
      LEFT JOIN "AccessGrant" ag ON ag.id = s."grantId"
      JOIN "User" u ON u.id IN (s."actorId", s."targetId")
      ${AUTHORITY_JOINS}
     WHERE s.id = ${sessionId}`;
  const session = rows[0];
  if (!session || session.sessionStatus !== "ACTIVE") return { live: false, due: null };
  const grant = session.grantId ? { expiresAt: session.grantExpiresAt!, revokedAt: session.grantRevokedAt } : null;
  const runOut = howItRanOut({ ...session, grant }, now);
  if (runOut) return { live: false, due: runOut };
  if (actorSessionId && !session.actorSignedIn) return { live: false, due: { reason: "SIGN_OUT", endedAt: now } };
  const people = authoritiesFromRows(rows);
  const target = people.get(session.targetId);
  const byPolicy = policyEnd(people.get(session.actorId), target, { required: session.consentRequired, underGrant: grant !== null });
  if (byPolicy || !target) return { live: false, due: { reason: byPolicy ?? "USER_DEACTIVATED", endedAt: now } };
  return { live: true, target, viewOnly: session.viewOnly, lastActivityAt: session.lastActivityAt };
}

/**
 * When this process last wrote each impersonation's activity. Requests of one impersonation arrive
 * together (a page and its prefetches, two tabs, many at once under load): without this, every one
 * that read the record before the first write landed would write too, each waiting on the row's lock
 * with a pooled connection held. Other instances write their own, at most once an interval each.
 */
const activityWrittenAt = new Map<string, number>();

/** Whether this request is the one to write `sessionId`'s activity at `now` (and it is claimed if so). */
function claimActivityWrite(sessionId: string, now: number): boolean {
  const last = activityWrittenAt.get(sessionId);
  if (last !== undefined && now >= last && now - last < ACTIVITY_RECORD_INTERVAL_MS) return false;
  if (activityWrittenAt.size >= 10_000) {
    for (const [id, at] of activityWrittenAt) if (Math.abs(now - at) >= ACTIVITY_RECORD_INTERVAL_MS) activityWrittenAt.delete(id);
  }
  activityWrittenAt.set(sessionId, now);
  return true;
}

/**
 * Every request of an impersonation asks this. A live one records the activity (not for a
 * background request: `touch: false`) at most every ACTIVITY_RECORD_INTERVAL_MS, and once per
 * process however many requests come at once; one that is over has its end recorded. Both through
 * `defer` (after the response; at once when not given).
 */
export async function checkImpersonationSession(
  db: PrismaClient,
  sessionId: string,
  config: Pick<AppConfig, "APP_NAME">,
  now = new Date(),
  options: { touch?: boolean; actorSessionId?: string; defer?: (work: () => Promise<unknown>) => void } = {},
): Promise<{ live: boolean; target: UserAuthority | null; viewOnly: boolean }> {
  const later = async (work: () => Promise<unknown>) => (options.defer ? options.defer(work) : void (await work()));
  const state = await impersonationState(db, sessionId, now, options.actorSessionId);
  if (!state.live) {
    const due = state.due;
    if (due) await later(() => endImpersonation(db, sessionId, due, config));
    return { live: false, target: null, viewOnly: false };
  }
  const recordDue = now.getTime() - state.lastActivityAt.getTime() >= ACTIVITY_RECORD_INTERVAL_MS;
  if (options.touch !== false && recordDue && claimActivityWrite(sessionId, now.getTime())) {
    await later(() =>
      db.impersonationSession.updateMany({ where: { id: sessionId, status: "ACTIVE", lastActivityAt: { lt: now } }, data: { lastActivityAt: now } }),
    );
  }
  return { live: true, target: state.target, viewOnly: state.viewOnly };
}
