// GET /api/ready — ready for traffic: the database answers and has every migration this build
// expects (`npm run db:deploy` runs before the new version takes traffic). 503, saying why, if not.
import { NextResponse } from "next/server";
import { readiness } from "@/lib/ops/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  const state = await readiness();
  return NextResponse.json(state, { status: state.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
