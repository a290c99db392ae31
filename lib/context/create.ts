// The request context: what every read and change is handed instead of importing the database or
// asking again who is signed in. It carries the database, the viewer (the effective user: during an
// impersonation, the impersonated user), the true actor and the impersonation, the attribution
// every change is recorded under, the viewer's authority (read fresh from the database) and what it
// covers, the configuration and the clock. The app builds one per request (./index.ts); tests build
// their own around their database with createContext().
import type { Session } from "next-auth";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { loadAuthority, type UserAuthority } from "@/lib/permissions/authority";
import { canonicalTimeZone } from "@/lib/format/time";
import { adminPaths, isUserAdmin } from "@/lib/permissions/policy";
import type { SessionActor, SessionImpersonation } from "@/types/next-auth";

/** Who did it: the effective user a change shows as, and the true actor behind it. */
export type Attribution = {
  organizationId: string;
  userId: string;
  actorId: string;
  impersonationSessionId?: string | null;
};

/** Who the session is (during an impersonation, the impersonated user). */
export type Viewer = Pick<Session["user"], "id" | "name" | "username" | "organizationId">;

/** What the app is configured with (from the environment; tests pass their own). */
export type AppConfig = Pick<
  Env,
  | "APP_NAME"
  | "IMPERSONATION_IDLE_TIMEOUT_SECONDS"
  | "IMPERSONATION_MAX_DURATION_SECONDS"
  | "IMPERSONATION_REQUEST_TTL_SECONDS"
  | "EMAIL_TRANSPORT"
  | "RESEND_API_KEY"
> &
  /** Where audit streams may deliver (lib/streaming/outbox.ts, streamRules): absent is the strict default. */
  Partial<Pick<Env, "NODE_ENV" | "AUDIT_STREAM_ALLOW_PRIVATE">>;

export type RequestContext = {
  db: PrismaClient;
  /** The effective user: everything is shown and done as them. */
  viewer: Viewer;
  /** The administrator really at the keyboard, while impersonating. */
  actor: SessionActor | null;
  impersonation: SessionImpersonation | null;
  /** Who a change is recorded as: the effective user, the true actor and the impersonation. */
  who: Attribution;
  /** The viewer's permissions and Locations, as they are now. */
  authority: UserAuthority;
  scope: {
    isUserAdmin: boolean;
    /** The Locations the viewer administers: null for the whole organization. */
    adminPaths: string[] | null;
  };
  config: AppConfig;
  /** The IANA time zone dates are shown in: the viewer's setting, else their browser's, else UTC. */
  timeZone: string;
  now: () => Date;
};

export type Identity = { user: Viewer; actor?: SessionActor | null; impersonation?: SessionImpersonation | null };

/** A context for `identity` over `db`; null when the user no longer exists. */
export async function createContext(
  db: PrismaClient,
  identity: Identity,
  options: { config: AppConfig; now?: () => Date; authority?: UserAuthority | null; browserTimeZone?: string | null },
): Promise<RequestContext | null> {
  const authority = options.authority === undefined ? await loadAuthority(db, identity.user.id) : options.authority;
  if (!authority || authority.organizationId !== identity.user.organizationId) return null;
  const { user, actor = null, impersonation = null } = identity;
  return {
    db,
    viewer: user,
    actor,
    impersonation,
    who: {
      organizationId: user.organizationId,
      userId: user.id,
      actorId: actor?.id ?? user.id,
      impersonationSessionId: impersonation?.id ?? null,
    },
    authority,
    scope: { isUserAdmin: isUserAdmin(authority), adminPaths: isUserAdmin(authority) ? adminPaths(authority) : [] },
    config: options.config,
    timeZone: canonicalTimeZone(authority.timeZone) ?? canonicalTimeZone(options.browserTimeZone) ?? "UTC",
    now: options.now ?? (() => new Date()),
  };
}

