"use client";

import { useActionState, useState } from "react";
import { ActionOutcome } from "@/components/ui/action-outcome";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { declineAccessRequestAction, grantAccessAction, revokeAccessAction } from "@/lib/consent/actions";
import { GRANT_DURATIONS } from "@/lib/consent/rules";
import type { ActionState } from "@/lib/server-action";

export type ConsentView = {
  /** The organization requires the user's consent. */
  required: boolean;
  /** The viewer's open grant (times as the viewer reads them). */
  grant: { id: string; since: string; until: string } | null;
  requests: { id: string; requester: string; reason: string | null; asked: string; expires: string }[];
  /** Someone else is signed in as the viewer: they see it all, and can change none of it. */
  impersonatedBy: string | null;
};

/** The answer of whichever action answered last (each state object is new when its action answers). */
function useLatest(states: ActionState[]): ActionState {
  const [seen, setSeen] = useState(states);
  const [latest, setLatest] = useState<ActionState>({});
  const changed = states.findIndex((s, i) => s !== seen[i]);
  if (changed !== -1) {
    // Derived from the previous render (React's pattern for it): no effect, no extra paint.
    setSeen(states);
    setLatest(states[changed]!);
    return states[changed]!;
  }
  return latest;
}

/**
 * "Access for administrators" on the Account page: grant access for a chosen time, revoke it, or
 * decline a request. One component holds every form, so what the last one said stays in view while
 * the page changes under it (the grant form gives way to Revoke access, a declined request leaves).
 */
export function AccessForAdministrators({ view, viewerName }: { view: ConsentView; viewerName: string }) {
  const [granted, grant] = useActionState(grantAccessAction, {});
  const [revoked, revoke] = useActionState(revokeAccessAction, {});
  const [declined, decline] = useActionState(declineAccessRequestAction, {});
  const readOnly = view.impersonatedBy !== null;
  const last = useLatest([granted, revoked, declined]);
  return (
    <div className="space-y-4">
      <div aria-live="polite">
        <ActionOutcome state={last} />
      </div>
      {view.grant ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            You granted access until <strong>{view.grant.until}</strong> (since {view.grant.since}): the administrators who manage you may sign in as you
            until then. Revoking it ends any impersonation running under it at its next request.
          </p>
          {readOnly ? null : (
            <form action={revoke}>
              <input type="hidden" name="grantId" value={view.grant.id} />
              <SubmitButton variant="danger" pendingText="Revoking…">
                Revoke access
              </SubmitButton>
            </form>
          )}
        </div>
      ) : view.required ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-700">
            Your organization requires your consent: no administrator can sign in as you until you grant access, for a time you choose. You can revoke it at
            any time.
          </p>
          {readOnly ? null : (
            <form action={grant} className="flex flex-wrap items-end gap-3" noValidate>
              <SelectField
                label="For how long"
                name="duration"
                defaultValue={granted.values?.duration ?? "hour"}
                options={Object.entries(GRANT_DURATIONS).map(([value, d]) => ({ value, label: d.label }))}
                errors={granted.fieldErrors?.duration}
                className="w-40"
              />
              <SubmitButton pendingText="Granting…">Grant access</SubmitButton>
            </form>
          )}
          {!readOnly && view.requests.length > 0 ? (
            <p className="text-sm text-slate-600">
              Granting answers {view.requests.length === 1 ? "the request below: the administrator who asked is" : `the ${view.requests.length} requests below: each administrator who asked is`}{" "}
              told.
            </p>
          ) : null}
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          Your organization does not ask for your consent: the administrators who manage you can sign in as you when they need to. You are emailed each time,
          and Account access shows everything.
        </p>
      )}
      {view.requests.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Waiting for your answer</h3>
          <ul className="mt-2 divide-y divide-slate-200 rounded-md border border-slate-200">
            {view.requests.map((r) => (
              <li key={r.id} className="flex flex-wrap items-start justify-between gap-3 p-3 text-sm">
                <div>
                  <p>
                    <strong>{r.requester}</strong> asks for access{r.reason ? `: “${r.reason}”` : "."}
                  </p>
                  <p className="text-slate-600">
                    Asked {r.asked}; expires {r.expires}.
                  </p>
                </div>
                {readOnly ? null : (
                  <form action={decline}>
                    <input type="hidden" name="requestId" value={r.id} />
                    <SubmitButton variant="secondary" className="px-3 py-1.5" pendingText="Declining…" aria-label={`Decline the request of ${r.requester}`}>
                      Decline
                    </SubmitButton>
                  </form>
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {readOnly ? <p className="text-sm text-slate-600">While impersonating, only {viewerName} can grant, revoke or decline access.</p> : null}
    </div>
  );
}
