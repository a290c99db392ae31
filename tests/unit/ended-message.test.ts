// The sign-in page says why an impersonation ended, for every way one can end.
import { describe, expect, it } from "vitest";
import { impersonationEndedMessage } from "@/lib/auth/messages";
import { ImpersonationEndReason } from "@/lib/generated/prisma/enums";

const base = { targetName: "Jane Doe", endedByName: null, idleLimit: "5 minutes", cap: "1 hour" };
const back = "Sign in with your own username and password to return to your account.";

describe("why an impersonation ended, on the sign-in page", () => {
  const expected: Record<ImpersonationEndReason, string> = {
    SIGN_OUT: `You signed out of Impersonation Mode as Jane Doe. ${back}`,
    INACTIVITY: `Impersonation Mode as Jane Doe ended after 5 minutes without activity. ${back}`,
    ABSOLUTE_CAP: `Impersonation Mode as Jane Doe reached its time limit (1 hour) and ended. ${back}`,
    REVOKED: `Impersonation Mode as Jane Doe was ended by Nora North. ${back}`,
    USER_DEACTIVATED: `Impersonation Mode as Jane Doe ended because a user involved was deactivated. ${back}`,
    PERMISSIONS_CHANGED: `Impersonation Mode as Jane Doe ended because permissions changed and it is no longer allowed. ${back}`,
    SUPERSEDED: `Impersonation Mode as Jane Doe ended because you started another impersonation. ${back}`,
    CONSENT_REVOKED: `Impersonation Mode as Jane Doe ended because Jane Doe revoked access to their account. ${back}`,
    CONSENT_EXPIRED: `Impersonation Mode as Jane Doe ended because the access Jane Doe granted ran out. ${back}`,
  };

  it("has a message for every end reason the database knows", () => {
    expect(Object.keys(expected).sort()).toEqual(Object.values(ImpersonationEndReason).sort());
  });

  it.each(Object.entries(expected))("%s", (reason, message) => {
    expect(impersonationEndedMessage({ ...base, endReason: reason, endedByName: reason === "REVOKED" ? "Nora North" : null })).toBe(message);
  });

  it("names no one when the administrator who ended it is gone", () => {
    expect(impersonationEndedMessage({ ...base, endReason: "REVOKED" })).toBe(`Impersonation Mode as Jane Doe was ended by an administrator. ${back}`);
  });
});
