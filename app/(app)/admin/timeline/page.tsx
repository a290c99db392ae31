import type { Metadata } from "next";
import { TimelineList } from "@/components/timeline/timeline-list";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { SelectField } from "@/components/ui/select-field";
import { requireAdminContext } from "@/lib/context";
import { eventTypesOf } from "@/lib/timeline/events";
import { listAdminTimeline } from "@/lib/timeline/queries";
import { readSearchParams } from "@/lib/validations/search-params";
import { adminTimelineFiltersSchema } from "@/lib/validations/timeline";

export const metadata: Metadata = { title: "Admin Timeline" };

export default async function AdminTimelinePage({ searchParams }: PageProps<"/admin/timeline">) {
  const ctx = await requireAdminContext();
  const { filters: query } = readSearchParams(adminTimelineFiltersSchema, await searchParams);
  const page = await listAdminTimeline(ctx, query);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Admin Timeline</h1>
        <p className="mt-1 text-slate-600">Every user-management change and impersonation, newest first. History cannot be edited or deleted.</p>
      </div>
      <form method="get" action="/admin/timeline" className="flex flex-wrap items-end gap-3" role="search">
        <SelectField label="Event" name="type" defaultValue={query.type ?? ""} placeholder="All events" options={eventTypesOf("ADMIN")} className="min-w-48" />
        <Field label="By (username)" name="who" defaultValue={query.who} maxLength={64} className="w-40" />
        <Field label="About (username)" name="subject" defaultValue={query.subject} maxLength={64} className="w-40" />
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      <TimelineList entries={page.entries} subjectOf={(e) => e.subjectUser?.name} emptyMessage="No events match." linkImpersonations />
      <Pagination
        basePath="/admin/timeline"
        params={{ type: query.type, who: query.who, subject: query.subject }}
        prevCursor={page.prevCursor}
        nextCursor={page.nextCursor}
      />
    </div>
  );
}
