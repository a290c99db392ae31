import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImpersonationDetails } from "@/components/impersonation/impersonation-details";
import { requireAdminContext } from "@/lib/context";
import { getImpersonation } from "@/lib/impersonation/queries";

export const metadata: Metadata = { title: "Impersonation" };

export default async function ImpersonationPage({ params }: PageProps<"/admin/impersonations/[id]">) {
  const ctx = await requireAdminContext();
  const { id } = await params;
  const found = await getImpersonation(ctx, id);
  if (!found) notFound();
  return (
    <div className="space-y-4">
      <Link href="/admin/impersonations" className="text-sm text-blue-700 hover:underline">
        ← Impersonations
      </Link>
      <ImpersonationDetails session={found.session} events={found.events} audience="admin" />
    </div>
  );
}
