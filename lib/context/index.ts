// This request's context (./create.ts says what it holds), built once per request with React's
// `cache` however many layouts, pages and actions ask: the session is checked on the server, and the
// viewer's authority is read once (shared with Auth.js's jwt callback).
import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { signInPathAfterSessionEnded } from "@/lib/impersonation/ended-notice";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { BROWSER_TIME_ZONE_COOKIE, setRequestTimeZone } from "@/lib/format/time-zone";
import { loadViewerAuthority } from "@/lib/permissions/viewer";
import { createContext, type RequestContext } from "./create";

export * from "./create";

/** This request's context, or null when nobody is signed in (the session is checked on the server). */
export const getContext = cache(async (): Promise<RequestContext | null> => {
  const session = await auth();
  if (!session?.user?.id) return null;
  const browserZone = (await cookies()).get(BROWSER_TIME_ZONE_COOKIE)?.value;
  const ctx = await createContext(db, session, {
    config: env(),
    authority: await loadViewerAuthority(session.user.id),
    browserTimeZone: browserZone ?? null, // checked and made canonical by createContext
  });
  if (ctx) setRequestTimeZone(ctx.timeZone);
  return ctx;
});

/** The context, or the sign-in page. */
export async function requireContext(): Promise<RequestContext> {
  const ctx = await getContext();
  // Signed out — and if it was an impersonation that ended, the sign-in page says why.
  if (!ctx) redirect(await signInPathAfterSessionEnded());
  return ctx;
}

/** For /admin/*: a user administrator's context, or a 404 that does not tell the page exists. */
export async function requireAdminContext(): Promise<RequestContext> {
  const ctx = await requireContext();
  if (!ctx.scope.isUserAdmin) notFound();
  return ctx;
}
