// One way to write a Server Action: parse the FormData with zod, load the session on the server
// (a Server Action is reachable by a direct POST, so nothing shown on the page protects it), run
// the handler, and return a typed state for useActionState. No action repeats this prologue.
import "server-only";
import { z } from "zod";
import type { Attribution } from "@/lib/timeline/record-event";
import { ActionError, FIX_FIELDS } from "./action-error";
import { getSession, type CurrentUser } from "./session";

export { ActionError, NOT_ALLOWED } from "./action-error";

export type ActionState = {
  ok?: boolean;
  message?: string;
  error?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /**
   * What was submitted (secrets left out), sent back when the action fails so the form can show it
   * again: React resets a form after its action, to the inputs' default values.
   */
  values?: Record<string, string>;
};

export type ActionContext = {
  /** The effective user: during an impersonation, the impersonated user. */
  viewer: CurrentUser;
  /** Who a change is attributed to: the effective user, the true actor and the impersonation. */
  who: Attribution;
  impersonating: boolean;
};


export async function getActionContext(): Promise<ActionContext | null> {
  const session = await getSession();
  if (!session) return null;
  const viewer = session.user;
  return {
    viewer,
    who: {
      organizationId: viewer.organizationId,
      userId: viewer.id,
      actorId: session.actor?.id ?? viewer.id,
      impersonationSessionId: session.impersonation?.id ?? null,
    },
    impersonating: Boolean(session.impersonation),
  };
}

const SECRET_FIELD = /password|secret|token/i;

function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === "string" && !key.startsWith("$ACTION") && !SECRET_FIELD.test(key)) values[key] = value.slice(0, 5000);
  }
  return values;
}

/** FormData as a plain object; a key sent more than once becomes an array. */
export function formDataToObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    out[key] = values.length > 1 || key.endsWith("[]") ? values : values[0];
  }
  return out;
}

export function authedAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, ctx: ActionContext) => Promise<ActionState | void>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const ctx = await getActionContext();
    if (!ctx) return { error: "Your session has ended. Sign in again." };
    const parsed = schema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      return {
        error: FIX_FIELDS,
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        values: submittedValues(formData),
      };
    }
    try {
      return (await handler(parsed.data, ctx)) ?? { ok: true };
    } catch (error) {
      if (error instanceof ActionError) return { error: error.message, fieldErrors: error.fieldErrors, values: submittedValues(formData) };
      throw error;
    }
  };
}
