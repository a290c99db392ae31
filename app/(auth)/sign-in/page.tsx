import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { safeCallbackPath } from "@/lib/validations/auth";

export const metadata: Metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  "signed-out": "You have been signed out.",
};

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  const notice = typeof params.notice === "string" ? NOTICES[params.notice] : undefined;

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-700 uppercase">{env().APP_NAME}</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">Sign in</h1>
        </div>
        <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {notice ? <Alert tone="info">{notice}</Alert> : null}
          <SignInForm callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}
