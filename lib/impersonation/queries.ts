// Reading impersonations for the Admin pages, scoped to the viewer's organization (and, for a Local
// User Administrator, to targets in their Locations).
import "server-only";
import type { RequestContext } from "@/lib/context";
import type { Prisma } from "@/lib/generated/prisma/client";
import { eventSelect } from "@/lib/history/queries";
import { loadAuthorities } from "@/lib/permissions/authority";
import type { Authority } from "@/lib/permissions/policy";
import { emailTransportOf } from "@/lib/env";
import { formatDuration } from "@/lib/format/time";
import { canImpersonate } from "./policy";
import { recentAddresses, sweepStaleImpersonations } from "./service";

const sessionSelect = {
  id: true,
  status: true,
  reason: true,
  startedAt: true,
  lastActivityAt: true,
  idleTimeoutSeconds: true,
  absoluteExpiresAt: true,
  endedAt: true,
  endReason: true,
  actor: { select: { id: true, name: true, username: true } },
  target: { select: { id: true, name: true, username: true } },
  endedBy: { select: { id: true, name: true } },
} satisfies Prisma.ImpersonationSessionSelect;

export type ImpersonationRow = Prisma.ImpersonationSessionGetPayload<{ select: typeof sessionSelect }>;

function visible({ viewer, scope }: Pick<RequestContext, "viewer" | "scope">): Prisma.ImpersonationSessionWhereInput {
  const paths = scope.adminPaths;
  return {
    organizationId: viewer.organizationId,
    ...(paths ? { target: { OR: paths.map((path) => ({ location: { path: { startsWith: path } } })) } } : {}),
  };
}

/**
 * What has run out (or is no longer allowed) is settled before it is shown: the list never says
 * "Active" of an impersonation that is over, whatever the schedule of the sweep.
 */
const settle = (ctx: RequestContext) => sweepStaleImpersonations(ctx.db, ctx.now(), { organizationId: ctx.viewer.organizationId });

export async function listImpersonations(ctx: RequestContext, take = 100) {
  await settle(ctx);
  return ctx.db.impersonationSession.findMany({
    where: visible(ctx),
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take,
    select: sessionSelect,
  });
}

/** One impersonation and everything done during it. */
export async function getImpersonation(ctx: RequestContext, id: string) {
  await settle(ctx);
  const session = await ctx.db.impersonationSession.findFirst({ where: { id, ...visible(ctx) }, select: sessionSelect });
  if (!session) return null;
  const events = await ctx.db.timelineEvent.findMany({
    where: { impersonationSessionId: id },
    orderBy: { id: "asc" },
    select: eventSelect,
  });
  return { session, events };
}

/** What the Impersonate window says will happen to this person, and under which limits. */
export type ImpersonationOffer = {
  id: string;
  name: string;
  /** emailed: the user will be emailed; logged: a notice is kept and logged, not delivered (no mail
   * transport); internal: the actor is vendor support, so no email; no-address: nowhere to send it. */
  notice: "emailed" | "logged" | "internal" | "no-address";
  /** The limits it runs under, as the window says them ("5 minutes", "1 hour"). */
  idleLimit: string;
  cap: string;
};

/**
 * The people on this page the viewer may impersonate (the rows that show the Impersonate icon), each
 * with what the confirmation will truthfully say: whether and how they will be told.
 */
export async function impersonationOffers(
  ctx: RequestContext,
  rows: { id: string; name: string; email: string | null }[],
  loaded?: Map<string, Authority>,
): Promise<Map<string, ImpersonationOffer>> {
  if (ctx.impersonation || rows.length === 0) return new Map(); // no chains
  const targets = loaded ?? (await loadAuthorities(ctx.db, rows.map((r) => r.id)));
  const allowed = rows.filter((r) => canImpersonate(ctx.authority, targets.get(r.id)!, { actorIsImpersonating: false }).ok);
  // Someone without an address now may still have had one in the last 30 days: the notice goes there.
  const reachable = new Set(allowed.filter((r) => r.email).map((r) => r.id));
  for (const r of allowed.filter((r) => !r.email)) {
    if ((await recentAddresses(ctx.db, { id: r.id, organizationId: ctx.viewer.organizationId, email: null }, ctx.now())).length > 0) reachable.add(r.id);
  }
  const delivery = emailTransportOf(ctx.config) === "resend" ? "emailed" : "logged";
  return new Map(
    allowed.map((r) => [
      r.id,
      {
        id: r.id,
        name: r.name,
        notice: ctx.authority.isInternal ? "internal" : reachable.has(r.id) ? delivery : "no-address",
        idleLimit: formatDuration(ctx.config.IMPERSONATION_IDLE_TIMEOUT_SECONDS),
        cap: formatDuration(ctx.config.IMPERSONATION_MAX_DURATION_SECONDS),
      },
    ]),
  );
}
