// GET /admin/impersonations/export?format=csv|json&<the console's filters>: the filtered
// impersonations, each with everything done during it. User administrators only (their scope).
import { getContext } from "@/lib/context";
import { impersonationsCsv, impersonationsJson } from "@/lib/impersonation/export";
import { EXPORT_LIMIT, impersonationsForExport } from "@/lib/impersonation/queries";
import { impersonationExportSchema } from "@/lib/validations/impersonation";
import { readSearchParams } from "@/lib/validations/search-params";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const ctx = await getContext();
  if (!ctx) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!ctx.scope.isUserAdmin) return Response.json({ error: "Not found." }, { status: 404 });
  // Read as the console reads them; but where the console drops a filter it cannot read, the export
  // refuses: a file holding more than was asked for could pass for the one asked for.
  const { filters: { format, ...filters }, problems } = readSearchParams(impersonationExportSchema, new URL(request.url).searchParams);
  if (Object.keys(problems).length > 0) return Response.json({ error: "Bad export request.", problems }, { status: 400 });
  const { sessions, truncated } = await impersonationsForExport(ctx, filters);
  const now = ctx.now();
  const name = `impersonations-${now.toISOString().slice(0, 10)}.${format}`;
  const headers: Record<string, string> = {
    "content-disposition": `attachment; filename="${name}"`,
    "cache-control": "no-store",
    "x-kaizen-export-limit": String(EXPORT_LIMIT),
    "x-kaizen-export-truncated": String(truncated),
  };
  if (format === "json") {
    const body = impersonationsJson(sessions, { timeZone: ctx.timeZone, exportedAt: now, filters, truncated });
    return new Response(`${JSON.stringify(body, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`, {
      headers: { ...headers, "content-type": "application/json; charset=utf-8" },
    });
  }
  return new Response(`\ufeff${impersonationsCsv(sessions, ctx.timeZone)}`, { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
}
