// GET /api/health — alive: the process answers (no database involved). For liveness probes and
// the Docker HEALTHCHECK.
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
