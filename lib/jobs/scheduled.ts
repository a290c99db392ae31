// The scheduled work, in one place: run by the cron route (Vercel Cron, or any scheduler that can
// call a URL with the CRON_SECRET bearer), and by a timer in the Node server.
import { drainOutbox } from "@/lib/email/outbox";
import { transportFromEnv } from "@/lib/email/transport";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sweepStaleImpersonations } from "@/lib/impersonation/service";

export async function runScheduledJobs(
  db: PrismaClient,
  env: { RESEND_API_KEY?: string; EMAIL_FROM?: string },
  now = new Date(),
) {
  const endedImpersonations = await sweepStaleImpersonations(db, now);
  const email = await drainOutbox(db, transportFromEnv(env), { now });
  return { endedImpersonations, email };
}
