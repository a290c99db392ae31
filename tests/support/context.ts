// Request contexts around a test's own database: what a page or action would get for a demo user.
import { createContext, type AppConfig, type RequestContext } from "@/lib/context/create";
import type { PrismaClient } from "@/lib/db/create-client";
import { ActionError } from "@/lib/mutation";

export const TEST_CONFIG: AppConfig = {
  APP_NAME: "Kaizen Hub",
  IMPERSONATION_IDLE_TIMEOUT_SECONDS: 300,
  IMPERSONATION_MAX_DURATION_SECONDS: 3600,
  IMPERSONATION_REQUEST_TTL_SECONDS: 300,
  EMAIL_TRANSPORT: undefined,
  RESEND_API_KEY: undefined,
};

/** `username`'s context (signed in as themselves), at `now` when given. */
export async function contextFor(db: PrismaClient, username: string, options: { now?: Date; config?: AppConfig } = {}): Promise<RequestContext> {
  const user = await db.user.findUniqueOrThrow({ where: { username }, select: { id: true, name: true, username: true, organizationId: true } });
  const ctx = await createContext(
    db,
    { user },
    { config: options.config ?? TEST_CONFIG, now: options.now ? () => options.now! : undefined },
  );
  if (!ctx) throw new Error(`No context for ${username}`);
  return ctx;
}

/** The ActionError a change answered with; fails the test if it succeeded or failed otherwise. */
export async function refusalOf(change: Promise<unknown>): Promise<ActionError> {
  const error = await change.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ActionError)) throw new Error(`expected an ActionError, got ${error === null ? "success" : String(error)}`);
  return error;
}
