import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Time } from "@/components/ui/time";
import { requireContext } from "@/lib/context";
import { listLocalMailbox } from "@/lib/email/queries";

export const metadata: Metadata = { title: "Local mailbox" };

/**
 * The local mailbox: what would have been emailed when RESEND_API_KEY is not set. Development
 * only — this page does not exist in production.
 */
export default async function MailboxPage() {
  if (process.env.NODE_ENV === "production") notFound();
  const messages = await listLocalMailbox(await requireContext());
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Local mailbox</h1>
        <p className="mt-1 text-slate-600">
          Without RESEND_API_KEY, email is kept here (and printed in the server log) instead of being sent. Development only.
        </p>
      </div>
      {messages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">No messages yet.</p>
      ) : (
        <ul className="space-y-6">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <p className="text-sm">
                <span className="font-medium">To:</span> {m.toAddress} · <span className="font-medium">{m.subject}</span>
              </p>
              <p className="mt-1 text-xs text-slate-500">
                <Time value={m.createdAt} style="datetime-seconds" /> · {m.status.toLowerCase()} via {m.transport ?? "—"} · {m.attempts} attempt(s)
              </p>
              {m.html === null ? (
                <p className="mt-3 rounded border border-dashed border-slate-300 p-4 text-sm text-slate-600">Not rendered yet: its sender renders it just before sending.</p>
              ) : (
                <iframe title={`Email to ${m.toAddress}: ${m.subject}`} srcDoc={m.html} sandbox="" className="mt-3 h-96 w-full rounded border border-slate-200" />
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
