import type { Metadata } from "next";
import Link from "next/link";
import { UserForm } from "@/components/admin/user-form";
import { requireAdminContext } from "@/lib/context";
import { listLocations, locationOptions } from "@/lib/locations/queries";
import { administersLocation } from "@/lib/permissions/policy";
import { createUserAction } from "@/lib/users/actions";

export const metadata: Metadata = { title: "New user" };

export default async function NewUserPage() {
  const ctx = await requireAdminContext();
  const locations = (await listLocations(ctx)).filter((l) => administersLocation(ctx.authority, l.path));
  return (
    <div className="max-w-lg space-y-5">
      <Link href="/admin/users" className="text-sm text-blue-700 hover:underline">
        ← User Management
      </Link>
      <h1 className="text-2xl font-semibold">New user</h1>
      <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
        <UserForm action={createUserAction} locations={locationOptions(locations)} />
      </div>
    </div>
  );
}
