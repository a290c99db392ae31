// The signed-in user, for pages and Server Actions. Each of them asks on the server: the
// middleware's check is a first line, not a security boundary.
import "server-only";
import { redirect } from "next/navigation";
import type { Session } from "next-auth";
import { cache } from "react";
import { auth } from "@/auth";
import { SIGN_IN_PATH } from "@/lib/auth/edge-session";

export type CurrentUser = Session["user"];

/** The session, read once per request however many components ask (each read checks the database). */
export const getSession = cache(async (): Promise<Session | null> => {
  const session = await auth();
  return session?.user?.id ? session : null;
});

export async function getCurrentUser(): Promise<CurrentUser | null> {
  return (await getSession())?.user ?? null;
}

/** The signed-in user, or a redirect to the sign-in page. */
export async function requireUser(): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(SIGN_IN_PATH);
  return user;
}
