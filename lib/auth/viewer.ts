// The viewer's permissions, read fresh from the database for pages that depend on them.
import "server-only";
import { notFound } from "next/navigation";
import { db } from "@/lib/db";
import { loadAuthority } from "@/lib/permissions/authority";
import { isUserAdmin, type Authority } from "@/lib/permissions/policy";
import { requireUser, type CurrentUser } from "./session";

export async function requireViewer(): Promise<{ user: CurrentUser; authority: Authority }> {
  const user = await requireUser();
  const authority = await loadAuthority(db, user.id);
  if (!authority) notFound();
  return { user, authority };
}

/** For /admin/*: a user administrator, or a 404 that does not tell the page exists. */
export async function requireUserAdmin() {
  const viewer = await requireViewer();
  if (!isUserAdmin(viewer.authority)) notFound();
  return viewer;
}
