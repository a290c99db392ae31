// Sign-in messages, shared by the action and the tests. One message for unknown user, wrong
// password and deactivated user: sign-in does not tell who exists.
export const INVALID_CREDENTIALS = "Incorrect username or password.";
export const LOCKED_OUT = "Too many failed sign-in attempts for this username. Try again in 15 minutes.";
