// The signed-in user, for pages and Server Actions. Each of them asks on the server: the
// middleware's check is a first line, not a security boundary.
import "server-only";
import { redirect } from "next/navigation";
import type { Session } from "next-auth";
import { auth } from "@/auth";
import { SIGN_IN_PATH } from "@/auth.config";

export type CurrentUser = Session["user"];

export async function getCurrentUser(): Promise<CurrentUser | null> {
  const session = await auth();
  return session?.user?.id ? session.user : null;
}

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(SIGN_IN_PATH);
  return user;
}
