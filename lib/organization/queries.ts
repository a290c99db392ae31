// The organization's Impersonation Mode settings, read fresh (they may change at any time).
import "server-only";
import type { AppConfig, RequestContext } from "@/lib/context/create";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { effectiveSettings, SETTINGS_COLUMNS, type ImpersonationSettings } from "./settings";

export async function loadImpersonationSettings(
  db: Pick<PrismaClient, "organization">,
  organizationId: string,
  config: Pick<AppConfig, "IMPERSONATION_IDLE_TIMEOUT_SECONDS" | "IMPERSONATION_MAX_DURATION_SECONDS">,
): Promise<ImpersonationSettings> {
  const row = await db.organization.findUniqueOrThrow({ where: { id: organizationId }, select: SETTINGS_COLUMNS });
  return effectiveSettings(row, config);
}

/** The viewer's organization's settings. */
export function getImpersonationSettings(ctx: Pick<RequestContext, "db" | "viewer" | "config">): Promise<ImpersonationSettings> {
  return loadImpersonationSettings(ctx.db, ctx.viewer.organizationId, ctx.config);
}
