import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ImpersonationDetails } from "@/components/impersonation/impersonation-details";
import { getMyImpersonation } from "@/lib/account/queries";
import { requireContext } from "@/lib/context";

export const metadata: Metadata = { title: "Account access" };

/** One impersonation of my account, read-only: everything done as me during it. */
export default async function MyImpersonationPage({ params }: PageProps<"/account/access/[id]">) {
  const ctx = await requireContext();
  const { id } = await params;
  const found = await getMyImpersonation(ctx, id);
  if (!found) notFound();
  return (
    <div className="space-y-4">
      <Link href="/account/access" className="text-sm text-blue-700 hover:underline">
        ← Account access
      </Link>
      <ImpersonationDetails session={found.session} events={found.events} audience="self" />
    </div>
  );
}
