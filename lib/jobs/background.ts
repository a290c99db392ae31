// Draining the outbox from the app: with the transport the environment chooses.
import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { drainOutbox } from "./outbox";
import { transportFromEnv } from "./transport";

export function drainOutboxNow() {
  return drainOutbox(db, transportFromEnv(env())).catch((error: unknown) => {
    console.error("[email outbox]", error);
    return null;
  });
}
