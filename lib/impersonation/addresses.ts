// Where the notices of an impersonation go: the user's address now and every address they had in
// the last PAST_ADDRESS_DAYS days, so changing it first cannot hide an impersonation.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseEvent } from "@/lib/timeline/events";

/** How long an address the user no longer has still hears of an impersonation of them. */
export const PAST_ADDRESS_DAYS = 30;

/**
 * Where a notice to `user` goes: their address now, then every other address they had in the last
 * PAST_ADDRESS_DAYS days, read from the append-only history of their profile changes.
 */
export async function recentAddresses(
  db: Pick<PrismaClient, "timelineEvent">,
  user: { id: string; organizationId: string; email: string | null },
  now = new Date(),
): Promise<string[]> {
  const changes = await db.timelineEvent.findMany({
    where: {
      organizationId: user.organizationId,
      subjectUserId: user.id,
      type: "user.updated",
      createdAt: { gte: new Date(now.getTime() - PAST_ADDRESS_DAYS * 86_400_000) },
    },
    select: { type: true, details: true },
  });
  const past = changes.flatMap((e) => {
    const parsed = parseEvent(e.type, e.details);
    const email = parsed?.type === "user.updated" ? parsed.details.changes.email : undefined;
    return email ? [email.from, email.to] : [];
  });
  const all = [user.email, ...past].filter((a): a is string => Boolean(a)).map((a) => a.toLowerCase());
  return [...new Set(all)];
}
