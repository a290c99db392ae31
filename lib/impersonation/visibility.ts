import "server-only";
import { db } from "@/lib/db";
import { loadAuthorities, loadAuthority } from "@/lib/permissions/authority";
import { getSession } from "@/lib/auth/session";
import { canImpersonate } from "./policy";

/** Which of these people the viewer may impersonate: the rows that show the Impersonate icon. */
export async function impersonatableIds(userIds: string[]): Promise<Set<string>> {
  const session = await getSession();
  if (!session || session.impersonation || userIds.length === 0) return new Set(); // no chains
  const [viewer, targets] = await Promise.all([loadAuthority(db, session.user.id), loadAuthorities(db, userIds)]);
  if (!viewer) return new Set();
  return new Set(userIds.filter((id) => canImpersonate(viewer, targets.get(id)!, { actorIsImpersonating: false }).ok));
}
