import type { ActionState } from "@/lib/server-action";
import { Alert } from "./alert";

/** What a Server Action said: its error, or its success message. */
export function ActionOutcome({ state }: { state: ActionState }) {
  if (state.error) return <Alert tone="error">{state.error}</Alert>;
  if (state.ok && state.message) return <Alert tone="success">{state.message}</Alert>;
  return null;
}
