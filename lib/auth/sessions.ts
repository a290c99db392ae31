// Sign-ins as rows (AuthSession), so a session can end before its token expires. Every sign-in opens
// one; its id travels in the token (`sid`); every request checks it is still open. Closing one is
// Sign Out; closing all of a user's is "sign out everywhere", a password change or a deactivation.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/mutation";

export type RevokeReason = "sign-out" | "sign-out-everywhere" | "password-changed" | "deactivated" | "sign-in-refused";

export async function openAuthSession(
  db: Pick<PrismaClient, "authSession">,
  input: { userId: string; ip: string | null; maxAgeSeconds: number },
  now = new Date(),
): Promise<string> {
  const id = randomBytes(18).toString("base64url");
  await db.authSession.create({
    data: { id, userId: input.userId, ip: input.ip, createdAt: now, expiresAt: new Date(now.getTime() + input.maxAgeSeconds * 1000) },
  });
  return id;
}

/** Closes one sign-in (Sign Out): every copy of its token stops working at its next request. */
export async function revokeAuthSession(db: Pick<PrismaClient, "authSession">, id: string, reason: RevokeReason, now = new Date()) {
  await db.authSession.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
}

/** Closes every open sign-in of a user; returns how many. */
export async function revokeUserSessions(tx: Pick<Tx, "authSession">, userId: string, reason: RevokeReason, now = new Date()): Promise<number> {
  const { count } = await tx.authSession.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now, revokedReason: reason } });
  return count;
}
