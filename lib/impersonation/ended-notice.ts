// Telling the administrator, on the sign-in page, why their impersonation ended. The redirect there
// carries the impersonation's id as a short-lived signed value (lib/auth/edge/signed-value.ts), so
// the page can say who ended it and why without anyone being able to ask about other
// impersonations by id.
import "server-only";
import { cookies, headers } from "next/headers";
import { cookieNames, isSecureRequest } from "@/lib/auth/edge/cookies";
import { decodeSession } from "@/lib/auth/edge/jwt";
import { readSignedValue, signValue } from "@/lib/auth/edge/signed-value";
import { authSecret } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ImpersonationEndReason } from "@/lib/generated/prisma/enums";

const VALID_FOR_SECONDS = 10 * 60;

/** The `ended` parameter for impersonation `id`. */
export async function endedParam(id: string, now = Date.now()): Promise<string> {
  const seconds = Math.floor(now / 1000);
  return signValue(authSecret(), "ended-notice", { sub: id, iat: seconds, exp: seconds + VALID_FOR_SECONDS });
}

/** The impersonation an `ended` parameter names, if it is ours and recent. */
export async function readEndedParam(value: unknown, now = Date.now()): Promise<string | null> {
  return (await readSignedValue(authSecret(), "ended-notice", value, Math.floor(now / 1000)))?.sub ?? null;
}

/**
 * Where a request whose session is gone should sign in: when the session cookie it still carries
 * was an impersonation, the sign-in page with that impersonation's (signed) id, so it can say why.
 */
export async function signInPathAfterSessionEnded(): Promise<string> {
  try {
    const h = await headers();
    const raw = (await cookies()).get(cookieNames(isSecureRequest(undefined, h)).session)?.value;
    if (!raw) return "/sign-in";
    const token = await decodeSession({ token: raw, secret: authSecret(), salt: cookieNames(isSecureRequest(undefined, h)).session });
    return token?.impersonation?.id ? `/sign-in?ended=${await endedParam(token.impersonation.id)}` : "/sign-in";
  } catch {
    return "/sign-in";
  }
}

export type EndedImpersonation = {
  targetName: string;
  endReason: ImpersonationEndReason | null;
  endedByName: string | null;
  idleTimeoutSeconds: number;
  maxDurationSeconds: number;
};

/** How impersonation `id` ended: as recorded, or else as `due` says (over, but not recorded yet). */
export async function findEndedImpersonation(
  db: Pick<PrismaClient, "impersonationSession">,
  id: string,
  due: { reason: ImpersonationEndReason } | null = null,
): Promise<EndedImpersonation | null> {
  const s = await db.impersonationSession.findUnique({
    where: { id },
    select: { status: true, endReason: true, idleTimeoutSeconds: true, startedAt: true, absoluteExpiresAt: true, target: { select: { name: true } }, endedBy: { select: { name: true } } },
  });
  const recorded = s?.status === "ENDED";
  if (!s || (!recorded && !due)) return null;
  return {
    targetName: s.target.name,
    endReason: recorded ? s.endReason : (due?.reason ?? null),
    endedByName: recorded ? (s.endedBy?.name ?? null) : null,
    idleTimeoutSeconds: s.idleTimeoutSeconds,
    maxDurationSeconds: Math.round((s.absoluteExpiresAt.getTime() - s.startedAt.getTime()) / 1000),
  };
}
