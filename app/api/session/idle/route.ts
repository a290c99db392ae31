// GET /api/session/idle — what is left of this impersonation's idle limit, for the pages'
// countdowns: a tab about to warn or to leave asks first, so that another tab's activity keeps it
// where it is. Asking is never activity (the middleware refreshes nothing for this path, and the
// page marks the request as background); a session that is over gets the middleware's 401.
import { NextResponse } from "next/server";
import { impersonationIdleSecondsLeft } from "@/lib/auth/request-check";
import { getContext } from "@/lib/context";

export const dynamic = "force-dynamic";

export async function GET() {
  const ctx = await getContext();
  const headers = { "cache-control": "no-store" };
  if (!ctx) {
    return NextResponse.json({ error: "Your session has ended." }, { status: 401, headers: { ...headers, "x-kaizen-session": "signed-out" } });
  }
  const idleSecondsLeft = ctx.impersonation ? await impersonationIdleSecondsLeft(ctx.impersonation) : null;
  return NextResponse.json({ idleSecondsLeft }, { headers });
}
