// Reading impersonations for the Admin pages, scoped to the viewer's organization (and, for a Local
// User Administrator, to targets in their Locations).
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { eventSelect } from "@/lib/timeline/queries";

type Db = Pick<PrismaClient, "impersonationSession" | "timelineEvent">;

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

function scope(viewer: { organizationId: string }, withinPaths: string[] | null): Prisma.ImpersonationSessionWhereInput {
  return {
    organizationId: viewer.organizationId,
    ...(withinPaths ? { target: { OR: withinPaths.map((path) => ({ location: { path: { startsWith: path } } })) } } : {}),
  };
}

export async function listImpersonations(db: Db, viewer: { organizationId: string }, withinPaths: string[] | null, take = 100) {
  return db.impersonationSession.findMany({
    where: scope(viewer, withinPaths),
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take,
    select: sessionSelect,
  });
}

/** One impersonation and everything done during it. */
export async function getImpersonation(db: Db, viewer: { organizationId: string }, withinPaths: string[] | null, id: string) {
  const session = await db.impersonationSession.findFirst({ where: { id, ...scope(viewer, withinPaths) }, select: sessionSelect });
  if (!session) return null;
  const events = await db.timelineEvent.findMany({
    where: { impersonationSessionId: id },
    orderBy: { id: "asc" },
    select: eventSelect,
  });
  return { session, events };
}
