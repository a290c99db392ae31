import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { signInNotice } from "@/lib/auth/messages";
import { getContext } from "@/lib/context";
import { env } from "@/lib/env";
import { cancelImpersonationRequestAction } from "@/lib/impersonation/actions";
import { endedImpersonationMessage, pendingRequestOfThisBrowser } from "@/lib/impersonation/sign-in";
import { safeCallbackPath } from "@/lib/validations/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await getContext()) redirect(callbackUrl);
  const notice = (await endedImpersonationMessage(params.ended)) ?? signInNotice(params.notice);
  const pending = await pendingRequestOfThisBrowser();

  return (
    <main id="main" tabIndex={-1} className="focus:outline-none flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-md">
        <div className="mb-6 text-center">
          <p className="text-sm font-semibold tracking-wide text-blue-700 uppercase">{env().APP_NAME}</p>
          <h1 className="mt-1 text-2xl font-semibold text-slate-900">Sign in</h1>
        </div>
        <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          {notice && !pending ? (
            <Alert tone="info">
              <span data-testid="sign-in-notice">{notice}</span>
            </Alert>
          ) : null}
          {pending ? (
            <div className="space-y-2 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="impersonation-notice">
              <p className="font-semibold">Sign in with your own username and password to impersonate {pending.target.name}.</p>
              <p>
                Do not enter {pending.target.name}&apos;s username or password. Only {pending.actor.name}, who asked for this, can
                start it.
              </p>
            </div>
          ) : null}
          <SignInForm callbackUrl={callbackUrl} />
          {pending ? (
            <form action={cancelImpersonationRequestAction}>
              <Button type="submit" variant="secondary" className="w-full">
                Cancel
              </Button>
            </form>
          ) : null}
        </div>
      </div>
    </main>
  );
}
