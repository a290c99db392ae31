// The session's shape, typed once by module augmentation (Auth.js's way). During an impersonation,
// `user` is the impersonated user (the effective identity everything runs as), `actor` the
// administrator really at the keyboard, and `impersonation` the session in the database. All three
// are set only by the server at the re-login; nothing from the client can change them.
import type { DefaultSession } from "next-auth";

export type SessionActor = { id: string; name: string; username: string };
export type SessionImpersonation = {
  id: string;
  /** ISO times, so they survive the JWT round trip as they are. */
  startedAt: string;
  absoluteExpiresAt: string;
  idleTimeoutSeconds: number;
  /** The organization's view-only setting, as the server read it for this request: no changes. */
  viewOnly?: boolean;
  /** When the user's access grant it runs under ends (consent before access; ISO), if it runs under one. */
  grantExpiresAt?: string;
};

declare module "next-auth" {
  interface User {
    username?: string;
    organizationId?: string;
    actor?: SessionActor;
    impersonation?: SessionImpersonation;
    /** The AuthSession row this sign-in opened (server side only). */
    sessionId?: string;
  }

  interface Session {
    user: {
      id: string;
      name: string;
      username: string;
      organizationId: string;
    } & Omit<DefaultSession["user"], "name">;
    actor: SessionActor | null;
    impersonation: SessionImpersonation | null;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    /** The signed-in (effective) user's id (Auth.js's `sub`). Set only by the server at sign-in. */
    sub?: string;
    username?: string;
    organizationId?: string;
    /** When the user signed in (seconds); the absolute session limit counts from here. */
    signedInAt?: number;
    /** This sign-in's AuthSession row: every request checks it has not been revoked. */
    sid?: string;
    actor?: SessionActor;
    impersonation?: SessionImpersonation;
  }
}
