// GET /api/cron/sweep — the scheduled sweep (listed in vercel.json). Vercel Cron sends
// `Authorization: Bearer $CRON_SECRET`; without CRON_SECRET configured the route is closed.
import { timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { env } from "@/lib/env";
import { runScheduledJobsNow } from "@/lib/jobs/scheduler";

export const dynamic = "force-dynamic";

function authorised(request: Request): boolean {
  const secret = env().CRON_SECRET;
  const given = request.headers.get("authorization") ?? "";
  if (!secret) return false;
  const expected = Buffer.from(`Bearer ${secret}`);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export async function GET(request: Request) {
  if (!authorised(request)) return NextResponse.json({ error: "Unauthorized" }, { status: 401 });
  return NextResponse.json({ ok: true, ...(await runScheduledJobsNow()) });
}
