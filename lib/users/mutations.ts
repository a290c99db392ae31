// User Management: create, edit, deactivate and reactivate users, grant and revoke permissions, sign
// a user out everywhere, clear a sign-in lockout. Each authorises against the policy with the
// viewer's permissions as they are now; a refusal is recorded ("access.refused"); each change is
// recorded with its Admin Timeline event. The acting administrator is the effective user (during an
// impersonation: the impersonated user, with the true actor recorded).
import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import type { RequestContext } from "@/lib/context";
import { enqueueEmail } from "@/lib/email/outbox";
import { templated } from "@/lib/email/render";
import { endSessionIn } from "@/lib/impersonation/end";
import { ActionError, defineMutation, FIX_FIELDS, NOT_ALLOWED, refused, type Recorder, type Tx } from "@/lib/mutation";
import { loadAuthority, type UserAuthority } from "@/lib/permissions/authority";
import { administersLocation, canChangeGrant, canManageUser } from "@/lib/permissions/policy";
import { createUserSchema, grantSchema, revokeSchema, updateUserSchema, userIdSchema } from "@/lib/validations/users";

export const NO_SUCH_USER = "That user does not exist.";
const EMAIL_TAKEN = "Another user in your organization already has this email address.";

/** The viewer, if they are an active user administrator of their organization. */
function requireAdmin(ctx: RequestContext, action: string, subjectUserId: string | null = null): UserAuthority {
  const admin = ctx.authority;
  if (!admin.active || admin.organizationId !== ctx.who.organizationId || !ctx.scope.isUserAdmin) throw refused(NOT_ALLOWED, action, subjectUserId);
  return admin;
}

async function requireLocation(tx: Tx, organizationId: string, locationId: string, field = "locationId") {
  const location = await tx.location.findFirst({ where: { id: locationId, organizationId }, select: { id: true, name: true, path: true } });
  if (!location) throw new ActionError(FIX_FIELDS, { [field]: ["Choose a Location from the list."] });
  return location;
}

/** A Location the administrator administers, or a field error saying so. */
async function requireOwnLocation(tx: Tx, admin: UserAuthority, locationId: string, message: string) {
  const location = await requireLocation(tx, admin.organizationId, locationId);
  if (!administersLocation(admin, location.path)) throw new ActionError(FIX_FIELDS, { locationId: [message] });
  return location;
}

/**
 * The target, only if the administrator may manage them. Anyone in another organization looks like
 * no one at all (and is not named in the record of the refusal).
 */
async function requireManagedUser(tx: Tx, ctx: RequestContext, userId: string, action: string) {
  const admin = requireAdmin(ctx, action);
  const target = await loadAuthority(tx, userId);
  if (!target || target.organizationId !== admin.organizationId) throw refused(NO_SUCH_USER, action);
  if (!canManageUser(admin, target).ok) throw refused(NOT_ALLOWED, action, target.userId);
  return { admin, target };
}

/** Email addresses are unique within an organization (only: nothing about others is revealed). */
async function requireFreeEmail(tx: Tx, organizationId: string, email: string | null, exceptUserId?: string) {
  if (!email) return;
  const taken = await tx.user.findFirst({ where: { organizationId, email, ...(exceptUserId ? { NOT: { id: exceptUserId } } : {}) }, select: { id: true } });
  if (taken) throw new ActionError(FIX_FIELDS, { email: [EMAIL_TAKEN] });
}

/**
 * Ends a user's sign-ins and the impersonations they are running: on deactivation and on "sign out
 * everywhere". Returns how many of each.
 */
async function signOutUser(tx: Tx, record: Recorder, userId: string, reason: "deactivated" | "sign-out-everywhere", ctx: RequestContext) {
  const sessionsEnded = await revokeUserSessions(tx, userId, reason, ctx.now());
  const running = await tx.impersonationSession.findMany({ where: { actorId: userId, status: "ACTIVE" }, select: { id: true } });
  let impersonationsEnded = 0;
  const self = userId === ctx.viewer.id;
  for (const { id } of running) {
    const ended = await endSessionIn(tx, record, id, {
      reason: reason === "deactivated" ? "USER_DEACTIVATED" : self ? "SIGN_OUT" : "REVOKED",
      endedAt: ctx.now(),
      endedBy: ctx.who,
    }, ctx.config);
    if (ended) impersonationsEnded++;
  }
  return { sessionsEnded, impersonationsEnded };
}

export const createUser = defineMutation({
  schema: createUserSchema,
  async authorize({ ctx, input, tx }) {
    const admin = requireAdmin(ctx, "creating a user");
    return { admin, location: await requireOwnLocation(tx, admin, input.locationId, "You can only add users to Locations you administer.") };
  },
  async run({ input, tx, record, allowed: { admin, location } }) {
    const taken = await tx.user.findUnique({ where: { username: input.username }, select: { id: true } });
    if (taken) throw new ActionError(FIX_FIELDS, { username: ["That username is already taken."] });
    await requireFreeEmail(tx, admin.organizationId, input.email);
    const user = await tx.user.create({
      data: {
        organizationId: admin.organizationId,
        username: input.username,
        name: input.name,
        email: input.email,
        locationId: location.id,
        passwordHash: await hashPassword(input.password),
      },
      select: { id: true },
    });
    await record({
      type: "user.created",
      subjectUserId: user.id,
      details: { username: input.username, name: input.name, email: input.email, location: location.name },
    });
    return user;
  },
});

export const updateUser = defineMutation({
  schema: updateUserSchema,
  async authorize({ ctx, input, tx }) {
    const { admin } = await requireManagedUser(tx, ctx, input.userId, "editing a user");
    return { admin, location: await requireOwnLocation(tx, admin, input.locationId, "You can only move users to Locations you administer.") };
  },
  async run({ ctx, input, tx, record, allowed: { admin, location } }) {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: { name: true, email: true, location: { select: { id: true, name: true } } },
    });
    if (input.email !== before.email) await requireFreeEmail(tx, admin.organizationId, input.email, input.userId);
    const changes: Partial<Record<"name" | "email" | "location", { from: string | null; to: string | null }>> = {};
    if (before.name !== input.name) changes.name = { from: before.name, to: input.name };
    if (before.email !== input.email) changes.email = { from: before.email, to: input.email };
    if (before.location.id !== location.id) changes.location = { from: before.location.name, to: location.name };
    if (Object.keys(changes).length === 0) return { emailNotice: false };
    await tx.user.update({ where: { id: input.userId }, data: { name: input.name, email: input.email, locationId: location.id } });
    await record({ type: "user.updated", subjectUserId: input.userId, details: { changes } });
    // The old address hears of it: an administrator cannot quietly redirect a user's notices.
    if (changes.email && before.email) {
      const notice = templated("email-changed", { appName: ctx.config.APP_NAME, userName: input.name, changedBy: ctx.viewer.name, newAddress: input.email });
      await enqueueEmail(tx, { ...notice, organizationId: admin.organizationId, kind: "email-changed", to: before.email, idempotencyKey: `email-changed/${randomUUID()}` });
    }
    return { emailNotice: Boolean(changes.email && before.email) };
  },
});

function setActive(active: boolean) {
  const action = active ? "reactivating a user" : "deactivating a user";
  return defineMutation({
    schema: userIdSchema,
    async authorize({ ctx, input, tx }) {
      if (input.userId === ctx.authority.userId) throw new ActionError("You cannot deactivate your own account.");
      return (await requireManagedUser(tx, ctx, input.userId, action)).target;
    },
    async run({ ctx, input, tx, record, allowed: target }) {
      if (target.active === active) return;
      await tx.user.update({ where: { id: input.userId }, data: { active, deactivatedAt: active ? null : ctx.now() } });
      await record({ type: active ? "user.reactivated" : "user.deactivated", subjectUserId: input.userId, details: {} });
      // Deactivated: every sign-in and every impersonation they run ends now.
      if (!active) await signOutUser(tx, record, input.userId, "deactivated", ctx);
    },
  });
}

export const deactivateUser = setActive(false);
export const reactivateUser = setActive(true);

export const grantPermission = defineMutation({
  schema: grantSchema,
  async authorize({ ctx, input, tx }) {
    const { admin, target } = await requireManagedUser(tx, ctx, input.userId, "granting a permission");
    const location =
      input.permission === "LOCAL_USER_ADMIN" && input.locationId ? await requireLocation(tx, admin.organizationId, input.locationId) : null;
    if (!canChangeGrant(admin, target, { permission: input.permission, locationPath: location?.path ?? null }).ok) {
      throw refused("You cannot grant a permission that your own permissions do not cover.", "granting a permission", target.userId);
    }
    return { admin, target, location };
  },
  async run({ ctx, input, tx, record, allowed: { admin, target, location } }) {
    const existing = await tx.permissionGrant.findFirst({
      where: { userId: target.userId, permission: input.permission, locationId: location?.id ?? null },
      select: { id: true },
    });
    if (existing) throw new ActionError("This user already holds that permission.");
    await tx.permissionGrant.create({
      data: {
        organizationId: admin.organizationId,
        userId: target.userId,
        permission: input.permission,
        locationId: location?.id ?? null,
        grantedById: ctx.who.actorId,
      },
    });
    await record({ type: "permission.granted", subjectUserId: target.userId, details: { permission: input.permission, location: location?.name ?? null } });
  },
});

export const revokePermission = defineMutation({
  schema: revokeSchema,
  async authorize({ ctx, input, tx }) {
    const { admin, target } = await requireManagedUser(tx, ctx, input.userId, "revoking a permission");
    const grant = await tx.permissionGrant.findFirst({
      where: { id: input.grantId, userId: target.userId },
      select: { id: true, permission: true, location: { select: { name: true, path: true } } },
    });
    if (!grant) throw new ActionError("That permission is no longer held.");
    if (!canChangeGrant(admin, target, { permission: grant.permission, locationPath: grant.location?.path ?? null }).ok) {
      throw refused(NOT_ALLOWED, "revoking a permission", target.userId);
    }
    return { target, grant };
  },
  async run({ tx, record, allowed: { target, grant } }) {
    await tx.permissionGrant.delete({ where: { id: grant.id } });
    await record({ type: "permission.revoked", subjectUserId: target.userId, details: { permission: grant.permission, location: grant.location?.name ?? null } });
  },
});

/** Ends every sign-in of a user — and the impersonations they run — at their next request. */
export const signOutEverywhere = defineMutation({
  schema: userIdSchema,
  async authorize({ ctx, input, tx }) {
    if (input.userId === ctx.viewer.id && !ctx.impersonation) return; // one's own: always allowed
    await requireManagedUser(tx, ctx, input.userId, "signing a user out everywhere");
  },
  async run({ ctx, input, tx, record }) {
    const ended = await signOutUser(tx, record, input.userId, "sign-out-everywhere", ctx);
    await record({ type: "user.signed_out_everywhere", subjectUserId: input.userId, details: ended });
    return ended;
  },
});

/** An administrator lifts a username's sign-in lockout (the failures stay on record, no longer counted). */
export const clearLockout = defineMutation({
  schema: userIdSchema,
  async authorize({ ctx, input, tx }) {
    return (await requireManagedUser(tx, ctx, input.userId, "clearing a sign-in lockout")).target;
  },
  async run({ ctx, input, tx, record }) {
    const { username } = await tx.user.findUniqueOrThrow({ where: { id: input.userId }, select: { username: true } });
    const { count } = await tx.signInAttempt.updateMany({
      where: { username, succeeded: false, refused: false, clearedAt: null },
      data: { clearedAt: ctx.now() },
    });
    await record({ type: "user.lockout_cleared", subjectUserId: input.userId, details: { username, failuresCleared: count } });
    return { failuresCleared: count };
  },
});
