import type { Metadata } from "next";
import { TimelineList } from "@/components/timeline/timeline-list";
import { Button } from "@/components/ui/button";
import { Pagination } from "@/components/ui/pagination";
import { SelectField } from "@/components/ui/select-field";
import { requireUserAdmin } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { isGlobalAdmin, localAdminPaths } from "@/lib/permissions/policy";
import { EVENT_TYPE_LABELS } from "@/lib/timeline/describe";
import { listAdminTimeline } from "@/lib/timeline/queries";
import { cursorSchema, param, searchSchema } from "@/lib/validations/common";

export const metadata: Metadata = { title: "Admin Timeline" };

export default async function AdminTimelinePage({ searchParams }: PageProps<"/admin/timeline">) {
  const { user, authority } = await requireUserAdmin();
  const sp = await searchParams;
  const type = searchSchema.parse(param(sp.type));
  const query = {
    type: type && type in EVENT_TYPE_LABELS ? type : undefined,
    who: searchSchema.parse(param(sp.who)),
    subject: searchSchema.parse(param(sp.subject)),
    after: cursorSchema.parse(param(sp.after)),
    before: cursorSchema.parse(param(sp.before)),
    withinPaths: isGlobalAdmin(authority) ? null : localAdminPaths(authority),
  };
  const page = await listAdminTimeline(db, user, query);

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Admin Timeline</h1>
        <p className="mt-1 text-slate-600">
          Every user-management change and impersonation, newest first. History cannot be edited or deleted.
        </p>
      </div>
      <form method="get" action="/admin/timeline" className="flex flex-wrap items-end gap-3" role="search">
        <SelectField
          label="Event"
          name="type"
          defaultValue={query.type ?? ""}
          placeholder="All events"
          options={Object.entries(EVENT_TYPE_LABELS).map(([value, label]) => ({ value, label }))}
          className="min-w-48"
        />
        <FilterInput label="By (username)" name="who" value={query.who} />
        <FilterInput label="About (username)" name="subject" value={query.subject} />
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

function FilterInput({ label, name, value }: { label: string; name: string; value?: string }) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input
        id={name}
        name={name}
        defaultValue={value}
        maxLength={64}
        className="mt-1 block w-40 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
      />
    </div>
  );
}
