// Starting an impersonation: the pending request an administrator confirmed (its cookie's token,
// hashed), the re-login that turns it into an impersonation session once the actor's own
// credentials are proved, and its Cancel. (Confirming and revoking are user changes:
// ./mutations.ts; ending: ./end.ts.) Every step is recorded in the Admin Timeline.
import { createHash } from "node:crypto";
import type { AppConfig } from "@/lib/context/create";
import { enqueueEmail } from "@/lib/email/outbox";
import { templated } from "@/lib/email/render";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { transact, type Tx } from "@/lib/mutation";
import { loadAuthorities } from "@/lib/permissions/authority";
import { openGrants } from "@/lib/consent/queries";
import { loadImpersonationSettings } from "@/lib/organization/queries";
import type { SessionImpersonation } from "@/types/next-auth";
import { recentAddresses } from "./addresses";
import { endSessionIn } from "./end";
import { actorAttribution, howItRanOut } from "./lifecycle";
import { canImpersonate, type ImpersonationDenial } from "./policy";

type Db = PrismaClient;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");


/**
 * Records a refused impersonation. The target is named only when they are in the actor's
 * organization: nothing crosses over.
 */
export async function denialEvent(
  tx: Pick<Tx, "user">,
  actor: { organizationId: string },
  targetId: string,
  reason: ImpersonationDenial | "wrong-credentials",
  stage: "confirm" | "re-login",
) {
  const target = await tx.user.findFirst({ where: { id: targetId, organizationId: actor.organizationId }, select: { id: true } });
  return { type: "impersonation.denied" as const, subjectUserId: target?.id ?? null, details: { reason, stage } };
}

/** The pending request behind a cookie, if it can still be used. */
export async function findPendingRequest(db: Pick<Db, "impersonationRequest">, token: string | undefined, now = new Date()) {
  if (!token) return null;
  return db.impersonationRequest.findFirst({
    where: { tokenHash: hashToken(token), status: "PENDING", expiresAt: { gt: now } },
    select: { id: true, actorId: true, expiresAt: true, target: { select: { id: true, name: true } }, actor: { select: { name: true } } },
  });
}

/** Cancel on the sign-in page: the request the cookie names is dropped, and that is recorded. */
export async function cancelRequest(db: Db, token: string | undefined) {
  if (!token) return;
  await transact(db, async ({ tx, record }) => {
    const request = await tx.impersonationRequest.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, status: true, targetId: true, actorId: true, organizationId: true },
    });
    if (!request || request.status !== "PENDING") return;
    const { count } = await tx.impersonationRequest.updateMany({ where: { id: request.id, status: "PENDING" }, data: { status: "CANCELLED" } });
    if (count) {
      await record(
        { type: "impersonation.cancelled", subjectUserId: request.targetId, details: {} },
        actorAttribution({ id: request.actorId, organizationId: request.organizationId }),
      );
    }
  });
}

export type StartedImpersonation = {
  target: { id: string; name: string; email: string | null; username: string; organizationId: string };
  actor: { id: string; name: string; username: string };
  session: { id: string; startedAt: Date; idleTimeoutSeconds: number; absoluteExpiresAt: Date };
  /** The organization's view-only setting when it started. */
  viewOnly: boolean;
  /** When the user's access grant it runs under ends (consent before access), if it runs under one. */
  grantExpiresAt: Date | null;
};

export type StartFailure = "expired" | "mismatch" | "denied";

type NoticeSkip = "internal-actor" | "no-email";

/**
 * What a re-login needs read before it can start anything, read while the password is still being
 * checked (Argon2id takes most of a sign-in): the pending request the cookie names, the actor and
 * the target, and where the notice goes. It writes nothing; every decision is made by
 * startImpersonation once the credentials are proved.
 */
export async function prepareImpersonation(
  db: Db,
  token: string,
  config: Pick<AppConfig, "APP_NAME" | "IMPERSONATION_IDLE_TIMEOUT_SECONDS" | "IMPERSONATION_MAX_DURATION_SECONDS">,
  now = new Date(),
) {
  const request = await db.impersonationRequest.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, status: true, expiresAt: true, actorId: true, targetId: true, reason: true, organizationId: true },
  });
  if (!request || request.status !== "PENDING" || request.expiresAt <= now) return null;
  const [people, settings, grants] = await Promise.all([
    loadAuthorities(db, [request.actorId, request.targetId]),
    loadImpersonationSettings(db, request.organizationId, config),
    openGrants(db, [request.targetId], now),
  ]);
  // Consent before access: the user's open grant, when the organization requires one (locked and
  // asked again when the impersonation is created).
  const grant = settings.consentRequired ? (grants.get(request.targetId) ?? null) : null;
  const actor = people.get(request.actorId) ?? null;
  const target = people.get(request.targetId) ?? null;
  // The notice to the user: not when the actor is vendor support, nor without an address. It goes to
  // every address the user had in the last 30 days, so changing it first cannot hide an
  // impersonation. Its sender renders it, after the response: the sign-in never waits for it.
  const addresses = target ? await recentAddresses(db, { id: target.userId, organizationId: target.organizationId, email: target.email }, now) : [];
  const skip: NoticeSkip | null = actor?.isInternal ? "internal-actor" : addresses.length === 0 ? "no-email" : null;
  const notice =
    skip || !actor || !target
      ? null
      : templated("impersonation-notice", { appName: config.APP_NAME, actorName: actor.name, targetName: target.name, accessPath: "/account/access" });
  return { request, actor, target, addresses, notice, skip, settings, grant };
}

export type PreparedImpersonation = Awaited<ReturnType<typeof prepareImpersonation>>;

/** A started impersonation as the session carries it (ISO times survive the JWT round trip). */
export function sessionImpersonation(
  session: { id: string; startedAt: Date; absoluteExpiresAt: Date; idleTimeoutSeconds: number },
  viewOnly: boolean,
  grantExpiresAt: Date | null = null,
): SessionImpersonation {
  return {
    id: session.id,
    startedAt: session.startedAt.toISOString(),
    absoluteExpiresAt: session.absoluteExpiresAt.toISOString(),
    idleTimeoutSeconds: session.idleTimeoutSeconds,
    viewOnly,
    ...(grantExpiresAt ? { grantExpiresAt: grantExpiresAt.toISOString() } : {}),
  };
}

/**
 * The re-login: the actor has just proved who they are (`verifiedUserId`). Only the requesting
 * actor's own credentials, on an unused, unexpired request, still allowed by the policy, start the
 * impersonation; the request is claimed atomically so it can never be used twice. `prepared` is
 * what prepareImpersonation read for this token at `now` (read again when not given).
 */
export async function startImpersonation(
  db: Db,
  input: { token: string; verifiedUserId: string; prepared?: Promise<PreparedImpersonation> },
  config: AppConfig,
  now = new Date(),
): Promise<{ ok: true; started: StartedImpersonation } | { ok: false; code: StartFailure; reason?: ImpersonationDenial }> {
  const prepared = await (input.prepared ?? prepareImpersonation(db, input.token, config, now));
  if (!prepared) return { ok: false, code: "expired" };
  const { request, actor, target, addresses, notice, skip, settings, grant } = prepared;
  const as = actorAttribution({ id: request.actorId, organizationId: request.organizationId });
  if (request.actorId !== input.verifiedUserId) {
    await transact(db, async ({ tx, record }) => record(await denialEvent(tx, request, request.targetId, "wrong-credentials", "re-login")), { as });
    return { ok: false, code: "mismatch" };
  }
  const consent = { required: settings.consentRequired, granted: grant !== null };
  const decision = actor && target ? canImpersonate(actor, target, { actorIsImpersonating: false, consent }) : ({ ok: false, reason: "target-inactive" } as const);
  const deny = async (reason: ImpersonationDenial) => {
    await transact(
      db,
      async ({ tx, record }) => {
        await tx.impersonationRequest.updateMany({ where: { id: request.id, status: "PENDING" }, data: { status: "CANCELLED" } });
        await record(await denialEvent(tx, request, request.targetId, reason, "re-login"));
      },
      { as },
    );
    return { ok: false as const, code: "denied" as const, reason };
  };
  if (!decision.ok || !actor || !target) return deny(decision.ok ? "target-inactive" : decision.reason);
  const started = {
    target: { id: target.userId, name: target.name, email: target.email, username: target.username, organizationId: target.organizationId },
    actor: { id: actor.userId, name: actor.name, username: actor.username },
  };

  const created = await transact(db, async ({ tx, record }) => {
    // The grant it starts under is still open, and stays so until this commits: a revocation waits
    // for this transaction (its UPDATE needs the row), then finds this impersonation and ends it.
    if (grant) {
      const [row] = await tx.$queryRaw<{ open: boolean }[]>`
        SELECT ("revokedAt" IS NULL AND "expiresAt" > ${now}) AS open FROM "AccessGrant" WHERE id = ${grant.id} FOR SHARE`;
      if (!row?.open) return { ok: false as const, code: "no-consent" as const };
    }
    // One live impersonation per actor: starts for one actor take turns (the row lock), and a new
    // one ends the one before it — in another browser, say — which its next request then learns.
    // One that had already run out (nothing sweeps at sign-in) ends as it ran out, when it did.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${request.actorId} FOR UPDATE`;
    const claimed = await tx.impersonationRequest.updateMany({
      where: { id: request.id, status: "PENDING", expiresAt: { gt: now } },
      data: { status: "USED", usedAt: now },
    });
    if (claimed.count === 0) return { ok: false as const, code: "expired" as const };
    const earlier = await tx.impersonationSession.findMany({
      where: { actorId: request.actorId, status: "ACTIVE" },
      select: { id: true, lastActivityAt: true, idleTimeoutSeconds: true, absoluteExpiresAt: true, grant: { select: { expiresAt: true, revokedAt: true } } },
    });
    for (const session of earlier) await endSessionIn(tx, record, session.id, howItRanOut(session, now) ?? { reason: "SUPERSEDED", endedAt: now }, config);
    const session = await tx.impersonationSession.create({
      data: {
        organizationId: request.organizationId,
        requestId: request.id,
        actorId: request.actorId,
        targetId: request.targetId,
        reason: request.reason,
        startedAt: now,
        lastActivityAt: now,
        // The organization's limits, within the server's.
        idleTimeoutSeconds: settings.idleTimeoutSeconds,
        absoluteExpiresAt: new Date(now.getTime() + settings.maxDurationSeconds * 1000),
        grantId: grant?.id ?? null,
      },
      select: { id: true, startedAt: true, idleTimeoutSeconds: true, absoluteExpiresAt: true },
    });
    const during = { ...as, impersonationSessionId: session.id };
    await record(
      {
        type: "impersonation.started",
        subjectUserId: request.targetId,
        details: { reason: request.reason, idleTimeoutSeconds: session.idleTimeoutSeconds, absoluteExpiresAt: session.absoluteExpiresAt.toISOString() },
      },
      during,
    );
    if (notice && addresses.length > 0) {
      for (const [i, to] of addresses.entries()) {
        await enqueueEmail(tx, {
          ...notice,
          organizationId: request.organizationId,
          kind: "impersonation-notice",
          to,
          idempotencyKey: i === 0 ? `impersonation-notice/${session.id}` : `impersonation-notice/${session.id}/${i}`,
          impersonationSessionId: session.id,
        });
      }
    } else {
      await record({ type: "impersonation.notice_skipped", subjectUserId: request.targetId, details: { reason: skip ?? "no-email" } }, during);
    }
    return { ok: true as const, started: { ...started, session, viewOnly: settings.viewOnly, grantExpiresAt: grant?.expiresAt ?? null } };
  });
  // The grant ended between the read and the start: refused like any other denial, and recorded.
  return created.ok || created.code !== "no-consent" ? created : deny("no-consent");
}
