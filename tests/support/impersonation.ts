// Impersonations started the way the re-login starts them, for the integration tests.
import { createContext, type RequestContext } from "@/lib/context/create";
import type { PrismaClient } from "@/lib/db/create-client";
import { confirmImpersonation } from "@/lib/impersonation/mutations";
import { sessionImpersonation, startImpersonation } from "@/lib/impersonation/start";
import { contextFor, TEST_CONFIG } from "./context";

/** `actor` confirms and re-logs in as `target`: the impersonation's id, its row and a request context of it. */
export async function impersonate(db: PrismaClient, actor: string, target: string, options: { now?: Date; reason?: string } = {}) {
  const now = options.now ?? new Date();
  const people = await db.user.findMany({ where: { username: { in: [actor, target] } }, select: { id: true, name: true, username: true, organizationId: true } });
  const [by, as] = [actor, target].map((username) => people.find((p) => p.username === username)!);
  const { token } = await confirmImpersonation(await contextFor(db, actor, { now }), { targetId: as!.id, reason: options.reason ?? "Checking a report" });
  const started = await startImpersonation(db, { token, verifiedUserId: by!.id }, TEST_CONFIG, now);
  if (!started.ok) throw new Error(started.code);
  const { session, viewOnly, grantExpiresAt } = started.started;
  const ctx = (await createContext(
    db,
    {
      user: as!,
      actor: { id: by!.id, name: by!.name, username: by!.username },
      impersonation: sessionImpersonation(session, viewOnly, grantExpiresAt),
    },
    { config: TEST_CONFIG, now: () => now },
  )) as RequestContext;
  return { id: session.id, ctx, session };
}
