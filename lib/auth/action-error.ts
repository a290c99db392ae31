/** A refusal or a validation failure found inside a handler: shown to the user, nothing changed. */
export class ActionError extends Error {
  constructor(
    message: string,
    public readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = "ActionError";
  }
}

export const NOT_ALLOWED = "You do not have permission to do that.";
export const FIX_FIELDS = "Please correct the highlighted fields.";
