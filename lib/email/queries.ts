// Reading the outbox: the local mailbox page (development only).
import "server-only";
import type { RequestContext } from "@/lib/context";

/** The newest messages of the viewer's organization. */
export function listLocalMailbox({ db, viewer }: RequestContext, take = 50) {
  return db.emailMessage.findMany({
    where: { organizationId: viewer.organizationId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, toAddress: true, subject: true, html: true, status: true, transport: true, createdAt: true, attempts: true },
  });
}
