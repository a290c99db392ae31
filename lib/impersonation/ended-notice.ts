// Telling the administrator, on the sign-in page, why their impersonation ended. The redirect there
// carries the impersonation's id, signed (HMAC with AUTH_SECRET) and short-lived, so the page can
// say who ended it and why without anyone being able to ask about other impersonations by id.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies, headers } from "next/headers";
import { cookieNames, isSecureRequest } from "@/lib/auth/edge/cookies";
import { decodeSession } from "@/lib/auth/edge/jwt";
import { authSecret } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ImpersonationEndReason } from "@/lib/generated/prisma/enums";

const VALID_FOR_SECONDS = 10 * 60;

function sign(payload: string): string {
  return createHmac("sha256", `kaizen-ended-notice:${authSecret()}`).update(payload).digest("base64url");
}

/** The `ended` parameter for impersonation `id`: "<id>.<expiry>.<signature>". */
export function endedParam(id: string, now = Date.now()): string {
  const payload = `${id}.${Math.floor(now / 1000) + VALID_FOR_SECONDS}`;
  return `${payload}.${sign(payload)}`;
}

/** The impersonation an `ended` parameter names, if it is ours and recent. */
export function readEndedParam(value: unknown, now = Date.now()): string | null {
  if (typeof value !== "string" || value.length > 200) return null;
  const match = /^([A-Za-z0-9_-]{1,64})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(value);
  if (!match) return null;
  const [, id, expiry, signature] = match as unknown as [string, string, string, string];
  const expected = Buffer.from(sign(`${id}.${expiry}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return Number(expiry) >= Math.floor(now / 1000) ? id : null;
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
    return token?.impersonation?.id ? `/sign-in?ended=${endedParam(token.impersonation.id)}` : "/sign-in";
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

export async function findEndedImpersonation(db: Pick<PrismaClient, "impersonationSession">, id: string): Promise<EndedImpersonation | null> {
  const s = await db.impersonationSession.findUnique({
    where: { id },
    select: { status: true, endReason: true, idleTimeoutSeconds: true, startedAt: true, absoluteExpiresAt: true, target: { select: { name: true } }, endedBy: { select: { name: true } } },
  });
  if (!s || s.status !== "ENDED") return null;
  return {
    targetName: s.target.name,
    endReason: s.endReason,
    endedByName: s.endedBy?.name ?? null,
    idleTimeoutSeconds: s.idleTimeoutSeconds,
    maxDurationSeconds: Math.round((s.absoluteExpiresAt.getTime() - s.startedAt.getTime()) / 1000),
  };
}
