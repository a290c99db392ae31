// The one impersonation policy. A pure function over the actor's and the target's permissions and
// Locations: it decides whether the Impersonate icon is shown, whether a confirmation is accepted,
// and whether the re-login completes (asked again each time: permissions may change in between).
import {
  administersLocation,
  coversGrant,
  holdsImpersonate,
  isUserAdmin,
  type Authority,
} from "@/lib/permissions/policy";

export type ImpersonationDenial =
  | "already-impersonating"
  | "self"
  | "actor-inactive"
  | "not-permitted"
  | "other-organization"
  | "target-inactive"
  | "internal-target"
  | "outside-scope"
  | "escalation"
  | "no-consent";

export type ImpersonationDecision = { ok: true } | { ok: false; reason: ImpersonationDenial };

export const DENIAL_MESSAGES: Record<ImpersonationDenial, string> = {
  "already-impersonating": "You are already impersonating someone. Sign out of Impersonation Mode first.",
  self: "You cannot impersonate yourself.",
  "actor-inactive": "Your account is deactivated.",
  "not-permitted": "You do not have permission to impersonate users.",
  "other-organization": "That user is not in your organization.",
  "target-inactive": "That user is deactivated.",
  "internal-target": "Vendor support users can only be impersonated by other vendor support users.",
  "outside-scope": "That user is outside the Locations you administer.",
  escalation: "That user holds permissions you do not hold, so you cannot impersonate them.",
  "no-consent": "Your organization requires the user's consent, and they have not granted access to their account. Ask them with Request access.",
};

/**
 * `consent`, when the organization requires the user's consent: whether the user has an open access
 * grant. It is asked last: consent adds a condition, never a permission.
 */
export function canImpersonate(
  actor: Authority,
  target: Authority,
  context: { actorIsImpersonating: boolean; consent?: { required: boolean; granted: boolean } },
): ImpersonationDecision {
  const deny = (reason: ImpersonationDenial): ImpersonationDecision => ({ ok: false, reason });
  if (context.actorIsImpersonating) return deny("already-impersonating");
  if (actor.userId === target.userId) return deny("self");
  if (!actor.active) return deny("actor-inactive");
  if (!holdsImpersonate(actor) || !isUserAdmin(actor)) return deny("not-permitted");
  if (actor.organizationId !== target.organizationId) return deny("other-organization");
  if (!target.active) return deny("target-inactive");
  if (target.isInternal && !actor.isInternal) return deny("internal-target");
  if (!administersLocation(actor, target.homePath)) return deny("outside-scope");
  // No privilege escalation: every grant the target holds must be covered by the actor's own.
  if (!target.grants.every((grant) => coversGrant(actor, grant))) return deny("escalation");
  if (context.consent?.required && !context.consent.granted) return deny("no-consent");
  return { ok: true };
}
