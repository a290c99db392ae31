// GET /admin/impersonations/export?format=csv|json&<the console's filters>: the filtered
// impersonations, each with everything done during it. User administrators only (their scope).
import { z } from "zod";
import { getContext } from "@/lib/context";
import { impersonationsCsv, impersonationsJson } from "@/lib/impersonation/export";
import { EXPORT_LIMIT, impersonationsForExport } from "@/lib/impersonation/queries";
import { exportFormatSchema, impersonationFiltersSchema } from "@/lib/validations/impersonation";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  const ctx = await getContext();
  if (!ctx) return Response.json({ error: "Sign in first." }, { status: 401 });
  if (!ctx.scope.isUserAdmin) return Response.json({ error: "Not found." }, { status: 404 });
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const format = exportFormatSchema.safeParse(params.format);
  const filters = impersonationFiltersSchema.safeParse({ ...params, format: undefined, after: undefined, before: undefined });
  if (!format.success || !filters.success) {
    const problems = [...(format.success ? [] : format.error.issues), ...(filters.success ? [] : filters.error.issues)];
    return Response.json({ error: "Bad export request.", problems: z.flattenError(new z.ZodError(problems)).fieldErrors }, { status: 400 });
  }
  const { sessions, truncated } = await impersonationsForExport(ctx, filters.data);
  const now = ctx.now();
  const name = `impersonations-${now.toISOString().slice(0, 10)}.${format.data}`;
  const headers: Record<string, string> = {
    "content-disposition": `attachment; filename="${name}"`,
    "cache-control": "no-store",
    "x-kaizen-export-limit": String(EXPORT_LIMIT),
    "x-kaizen-export-truncated": String(truncated),
  };
  if (format.data === "json") {
    const body = impersonationsJson(sessions, { timeZone: ctx.timeZone, exportedAt: now, filters: filters.data, truncated });
    return new Response(`${JSON.stringify(body, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2)}\n`, {
      headers: { ...headers, "content-type": "application/json; charset=utf-8" },
    });
  }
  return new Response(`\ufeff${impersonationsCsv(sessions, ctx.timeZone)}`, { headers: { ...headers, "content-type": "text/csv; charset=utf-8" } });
}
