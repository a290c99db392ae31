// The scheduled work, in one place: settle the impersonations that have run out (and those the
// policy no longer allows), then drain the email outbox. Run by the cron route (Vercel Cron, or any
// scheduler that can call a URL with the CRON_SECRET bearer), by a timer in the Node server, and
// after requests (lib/jobs/soon.ts) so nothing waits for a schedule.
import { drainOutbox } from "@/lib/email/outbox";
import { transportFromEnv } from "@/lib/email/transport";
import { sendBudgetOf, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { sweepStaleImpersonations } from "@/lib/impersonation/service";

export async function runScheduledJobs(
  db: PrismaClient,
  env: Pick<Env, "RESEND_API_KEY" | "EMAIL_FROM" | "EMAIL_TRANSPORT" | "RESEND_MAX_PER_SECOND">,
  now = new Date(),
  options: { shouldStop?: () => boolean } = {},
) {
  const endedImpersonations = await sweepStaleImpersonations(db, now);
  const email = await drainOutbox(db, transportFromEnv(env), { now, shouldStop: options.shouldStop, rate: sendBudgetOf(env) });
  return { endedImpersonations, email };
}
