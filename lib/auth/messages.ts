// Sign-in messages, shared by the action and the tests. One message for unknown user, wrong
// password and deactivated user: sign-in does not tell who exists.
export const INVALID_CREDENTIALS = "Incorrect username or password.";
export const LOCKED_OUT = "Too many failed sign-in attempts for this username. Try again in 15 minutes, or ask an administrator to clear it.";
export const THROTTLED = "Too many failed sign-in attempts from your network. Try again in 15 minutes.";
/** Anything else went wrong (the database busy, say): nothing tells the user more. */
export const SIGN_IN_FAILED = "Sign-in failed. Please try again.";

/** Why a re-login did not start the impersonation (nothing was started in each case). */
const IMPERSONATION_MESSAGES = {
  "impersonation-mismatch":
    "These are not the credentials of the administrator who asked to impersonate. Sign in with your own username and password, or cancel.",
  "impersonation-expired":
    "This impersonation request has expired or has already been used, so nothing was started. Start again from the People page.",
  "impersonation-denied":
    "You are no longer allowed to impersonate this user (permissions changed since you confirmed), so nothing was started.",
  "impersonation-no-consent":
    "The user's access grant ended before you signed in (they revoked it, or it ran out), so nothing was started. Ask them again with Request access.",
} as const;

/** The message for a refused re-login's code, if it is one of these (never an inherited name such as "constructor"). */
export function impersonationMessage(code: string): string | undefined {
  return Object.hasOwn(IMPERSONATION_MESSAGES, code) ? IMPERSONATION_MESSAGES[code as keyof typeof IMPERSONATION_MESSAGES] : undefined;
}

/** Notices shown on the sign-in page after a redirect (?notice=…). A Map: "__proto__" is no notice. */
const SIGN_IN_NOTICES = new Map<string, string>([
  ["signed-out", "You have been signed out."],
  ["impersonation-ended", "Impersonation Mode has ended. Sign in with your own credentials to return to your account."],
  ["impersonation-cancelled", "The impersonation was cancelled."],
  ["inactivity", "You were signed out because there was no activity for a while. Sign in again to continue."],
  ["password-changed", "Your password was changed, and every session of yours was signed out. Sign in with your new password."],
  ["signed-out-everywhere", "You have been signed out everywhere."],
  ["cookie-conflict", "Your browser sent conflicting session cookies, so you were signed out. Sign in again."],
]);

/** The sign-in page's notice for its `notice` query parameter (whatever the request sent), if any. */
export function signInNotice(code: unknown): string | undefined {
  return typeof code === "string" ? SIGN_IN_NOTICES.get(code) : undefined;
}

/** Why an impersonation ended, as the sign-in page tells the administrator who was running it. */
export function impersonationEndedMessage(ended: {
  targetName: string;
  endReason: string | null;
  endedByName: string | null;
  idleLimit: string;
  cap: string;
}): string {
  const as = `Impersonation Mode as ${ended.targetName}`;
  const back = "Sign in with your own username and password to return to your account.";
  switch (ended.endReason) {
    case "SIGN_OUT":
      return `You signed out of ${as}. ${back}`;
    case "INACTIVITY":
      return `${as} ended after ${ended.idleLimit} without activity. ${back}`;
    case "ABSOLUTE_CAP":
      return `${as} reached its time limit (${ended.cap}) and ended. ${back}`;
    case "REVOKED":
      return `${as} was ended by ${ended.endedByName ?? "an administrator"}. ${back}`;
    case "USER_DEACTIVATED":
      return `${as} ended because a user involved was deactivated. ${back}`;
    case "PERMISSIONS_CHANGED":
      return `${as} ended because permissions changed and it is no longer allowed. ${back}`;
    case "SUPERSEDED":
      return `${as} ended because you started another impersonation. ${back}`;
    case "CONSENT_REVOKED":
      return `${as} ended because ${ended.targetName} revoked access to their account. ${back}`;
    case "CONSENT_EXPIRED":
      return `${as} ended because the access ${ended.targetName} granted ran out. ${back}`;
    default:
      return `${as} has ended. ${back}`;
  }
}
