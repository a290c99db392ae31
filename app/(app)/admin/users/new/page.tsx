import type { Metadata } from "next";
import Link from "next/link";
import { createUserAction } from "@/app/(app)/admin/users/actions";
import { UserForm } from "@/components/admin/user-form";
import { locationOptions } from "@/components/ui/select-field";
import { requireUserAdmin } from "@/lib/auth/viewer";
import { db } from "@/lib/db";
import { administersLocation } from "@/lib/permissions/policy";
import { listLocations } from "@/lib/people/queries";

export const metadata: Metadata = { title: "New user" };

export default async function NewUserPage() {
  const { user, authority } = await requireUserAdmin();
  const locations = (await listLocations(db, user)).filter((l) => administersLocation(authority, l.path));
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
