// A mutation as a Server Action for useActionState: the FormData becomes the mutation's input, the
// request's context is loaded on the server (a Server Action is reachable by a direct POST, so
// nothing shown on the page protects it), and the outcome comes back as a typed state — with what
// was submitted, so a failed form can show it again (React resets a form after its action).
import "server-only";
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import type { z } from "zod";
import { getContext, type RequestContext } from "@/lib/context";
import { drainAuditStreamsNow } from "@/lib/jobs/scheduler";
import { ActionError, parseInput, SESSION_ENDED, type Mutation } from "@/lib/mutation";
import { formDataToObject, submittedValues } from "@/lib/validations/form-data";

export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  values?: Record<string, string>;
};

export type FormAction = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * The Server Action for `mutation`. `then` runs after the change committed: revalidate, redirect, or
 * say what happened (nothing: `{ ok: true }`).
 */
export function formAction<S extends z.ZodType, R>(
  mutation: Mutation<S, R>,
  then?: (result: R, done: { input: z.output<S>; ctx: RequestContext }) => ActionState | void | Promise<ActionState | void>,
): FormAction {
  return async (_state, formData) => {
    const ctx = await getContext();
    if (!ctx) return { error: SESSION_ENDED };
    let done: { result: R; input: z.output<S> };
    try {
      const input = parseInput(mutation.schema, formDataToObject(formData));
      done = { result: await mutation.execute(ctx, input), input };
    } catch (error) {
      if (error instanceof ActionError) return { error: error.message, fieldErrors: error.fieldErrors, values: submittedValues(formData) };
      throw error;
    }
    // What the change recorded goes to the organization's audit streams right after the response.
    after(drainAuditStreamsNow);
    return (await then?.(done.result, { input: done.input, ctx })) ?? { ok: true };
  };
}

/** After a change to one record: revalidate its page, and say what happened. */
export function revalidated<I>(pathOf: (input: I) => string, message: string) {
  return (_result: unknown, { input }: { input: I }): ActionState => {
    revalidatePath(pathOf(input));
    return { ok: true, message };
  };
}
