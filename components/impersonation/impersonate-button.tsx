"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import type { ActionState } from "@/lib/server-action";
import { Alert } from "@/components/ui/alert";
import { ActionOutcome } from "@/components/ui/action-outcome";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { requestAccessAction } from "@/lib/consent/actions";
import { confirmImpersonationAction } from "@/lib/impersonation/actions";
import type { ImpersonationOffer } from "@/lib/impersonation/queries";
import { ImpersonateIcon } from "./impersonate-icon";

/**
 * The Impersonate User icon of a row and its confirmation window (a modal <dialog>: focus stays
 * inside, Escape cancels). Shown only where the policy allows; the Server Action checks again.
 */
/** What the window says of the email, so it matches what will happen. */
function noticeLine(offer: ImpersonationOffer): string {
  switch (offer.notice) {
    case "emailed":
      return `${offer.name} will be emailed that an administrator signed in as them.`;
    case "logged":
      return `A notice to ${offer.name} will be logged but not delivered: no mail transport is configured. The Admin Timeline records it.`;
    case "internal":
      return `No email is sent to ${offer.name}: you are vendor support (internal). The Admin Timeline records the impersonation.`;
    case "no-address":
      return `${offer.name} has no email address, so they cannot be notified; the Admin Timeline records it.`;
  }
}

/** The reason, as the organization asks for it (Confirm and Request access alike). */
function ReasonField({ id, offer, state }: { id: string; offer: ImpersonationOffer; state: ActionState }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        Reason{" "}
        <span className="font-normal text-slate-500">
          {offer.reasonMinLength ? `(required by your organization: at least ${offer.reasonMinLength} characters; recorded)` : "(optional, recorded)"}
        </span>
      </label>
      <textarea
        id={id}
        name="reason"
        rows={2}
        maxLength={500}
        required={offer.reasonMinLength !== null}
        minLength={offer.reasonMinLength ?? undefined}
        defaultValue={state.values?.reason}
        aria-invalid={state.fieldErrors?.reason ? true : undefined}
        aria-describedby={state.fieldErrors?.reason ? `${id}-error` : undefined}
        className={inputClass}
      />
      {state.fieldErrors?.reason ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {state.fieldErrors.reason[0]}
        </p>
      ) : null}
    </div>
  );
}

function DialogTitle({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <div className="flex items-start gap-3">
      <span className="rounded-full bg-red-100 p-2 text-red-800">
        <ImpersonateIcon className="h-6 w-6" />
      </span>
      <h2 id={id} className="text-lg font-semibold text-slate-900">
        {children}
      </h2>
    </div>
  );
}

/**
 * The window when the organization requires the user's consent and they have not granted access:
 * it says so, and offers to ask them (an email, and a request on their Account page).
 */
function RequestAccessForm({ offer, titleId, onCancel }: { offer: ImpersonationOffer; titleId: string; onCancel: () => void }) {
  const [state, action] = useActionState(requestAccessAction, {});
  const asked = offer.consent?.requested || state.ok;
  return (
    <form action={action} className="space-y-4 p-6">
      <DialogTitle id={titleId}>Request access to {offer.name}&apos;s account?</DialogTitle>
      <p className="text-sm text-slate-700">
        Your organization requires the user&apos;s consent before anyone signs in as them, and {offer.name} has not granted access. Ask them: they are emailed,
        and they grant access (for 1 hour, 1 day or 1 week) or decline on their Account page. You are told when they grant it.
      </p>
      {offer.consent?.requested && !state.ok ? <Alert tone="info">You have asked {offer.name} already; the request is waiting for their answer.</Alert> : null}
      <ActionOutcome state={state} />
      <input type="hidden" name="targetId" value={offer.id} />
      {asked ? null : <ReasonField id={`${titleId}-reason`} offer={offer} state={state} />}
      <div className="flex justify-end gap-3">
        <Button type="button" variant="secondary" onClick={onCancel}>
          {asked ? "Close" : "Cancel"}
        </Button>
        {asked ? null : <SubmitButton pendingText="Sending…">Request access</SubmitButton>}
      </div>
    </form>
  );
}

export function ImpersonateButton({ offer }: { offer: ImpersonationOffer }) {
  const target = offer;
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [state, action] = useActionState(confirmImpersonationAction, {});
  // The window exists only while open: one row's dialog at a time, nothing hidden left in the page.
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (open && !dialog.current?.open) dialog.current?.showModal();
  }, [open]);

  const close = () => {
    dialog.current?.close();
  };

  return (
    <>
      <button
        ref={trigger}
        type="button"
        aria-label={`Impersonate ${target.name}`}
        title={`Impersonate ${target.name}`}
        onClick={() => setOpen(true)}
        // Shown on the row's hover or focus; always on touch screens (no hover there) and to keyboards.
        className="inline-flex rounded-md p-1.5 text-blue-800 opacity-0 transition-opacity group-hover:opacity-100 group-focus:opacity-100 group-focus-within:opacity-100 hover:bg-blue-100 focus:opacity-100 focus-visible:outline-2 focus-visible:outline-blue-700 pointer-coarse:opacity-100"
      >
        <ImpersonateIcon />
      </button>
      {open ? (
        <dialog
          ref={dialog}
          aria-labelledby={titleId}
          onClose={() => {
            setOpen(false);
            trigger.current?.focus();
          }}
          className="m-auto w-full max-w-lg rounded-lg p-0 text-left whitespace-normal shadow-xl backdrop:bg-slate-900/50"
        >
          {offer.consent && !offer.consent.grantedUntil ? (
            <RequestAccessForm offer={offer} titleId={titleId} onCancel={close} />
          ) : (
            <form action={action} className="space-y-4 p-6">
              <DialogTitle id={titleId}>Impersonate {target.name}?</DialogTitle>
              <ul className="list-disc space-y-1.5 pl-5 text-sm text-slate-700">
                <li>
                  You will be signed out and asked to sign in again with <strong>your own</strong> username and password.
                </li>
                <li>
                  You will then use the workspace as {target.name}: everything you change will appear as {target.name}
                  &apos;s, and is recorded as done by you.
                </li>
                <li>{noticeLine(offer)}</li>
                <li>
                  Impersonation Mode ends after {offer.idleLimit} without activity, after {offer.cap} in all, or when you sign out.
                </li>
                {offer.consent?.grantedUntil ? (
                  <li>
                    It runs under the access {target.name} granted, open until {offer.consent.grantedUntil}: it ends then, or as soon as they revoke it.
                  </li>
                ) : null}
              </ul>
              {state.error ? <Alert tone="error">{state.error}</Alert> : null}
              <input type="hidden" name="targetId" value={target.id} />
              <ReasonField id={`${titleId}-reason`} offer={offer} state={state} />
              <div className="flex justify-end gap-3">
                <Button type="button" variant="secondary" onClick={close}>
                  Cancel
                </Button>
                <SubmitButton variant="danger" pendingText="Signing out…">
                  Confirm
                </SubmitButton>
              </div>
            </form>
          )}
        </dialog>
      ) : null}
    </>
  );
}
