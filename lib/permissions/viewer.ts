// The signed-in user's authority, read once per request: Auth.js's jwt callback (is the user still
// active, is this sign-in still open?) and the request context (what may they do?) share it.
import "server-only";
import { cache } from "react";
import { db } from "@/lib/db";
import { loadAuthority, loadSignedInAuthority, type UserAuthority } from "./authority";

/** This request's loads, by user id (a React cache: one map per request). */
const loaded = cache(() => new Map<string, Promise<UserAuthority | null>>());

/** The user's authority and whether sign-in `sessionId` is open; remembered for this request. */
export async function loadSignedInViewer(userId: string, sessionId: string) {
  const result = loadSignedInAuthority(db, userId, sessionId);
  loaded().set(userId, result.then((r) => r?.authority ?? null));
  return result;
}

/** The user's authority: what this request already read, or a fresh read. */
export function loadViewerAuthority(userId: string): Promise<UserAuthority | null> {
  const memo = loaded();
  let authority = memo.get(userId);
  if (!authority) {
    authority = loadAuthority(db, userId);
    memo.set(userId, authority);
  }
  return authority;
}

/** Remembers, for this request, an authority read as part of another query (an impersonation's target). */
export function rememberViewerAuthority(userId: string, authority: UserAuthority): void {
  loaded().set(userId, Promise.resolve(authority));
}
