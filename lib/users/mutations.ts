// User Management: create, edit, deactivate and reactivate users, grant and revoke permissions.
// Each authorises against the policy with the viewer's permissions as they are now, and records its
// Admin Timeline event with the change. The acting administrator is the effective user (during an
// impersonation: the impersonated user, with the true actor recorded).
import { hashPassword } from "@/lib/auth/password";
import type { RequestContext } from "@/lib/context";
import { ActionError, defineMutation, FIX_FIELDS, NOT_ALLOWED, type Tx } from "@/lib/mutation";
import { loadAuthority, type UserAuthority } from "@/lib/permissions/authority";
import { administersLocation, canChangeGrant, canManageUser } from "@/lib/permissions/policy";
import { createUserSchema, grantSchema, revokeSchema, updateUserSchema, userIdSchema } from "@/lib/validations/users";

/** The viewer, if they are an active user administrator of their organization. */
function requireAdmin(ctx: RequestContext): UserAuthority {
  const admin = ctx.authority;
  if (!admin.active || admin.organizationId !== ctx.who.organizationId || !ctx.scope.isUserAdmin) throw new ActionError(NOT_ALLOWED);
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

/** The target, only if the admin may manage them; anything else looks like "not found". */
async function requireManagedUser(tx: Tx, admin: UserAuthority, userId: string) {
  const target = await loadAuthority(tx, userId);
  if (!target || target.organizationId !== admin.organizationId) throw new ActionError("That user does not exist.");
  if (!canManageUser(admin, target).ok) throw new ActionError(NOT_ALLOWED);
  return target;
}

export const createUser = defineMutation({
  schema: createUserSchema,
  async authorize({ ctx, input, tx }) {
    const admin = requireAdmin(ctx);
    return { admin, location: await requireOwnLocation(tx, admin, input.locationId, "You can only add users to Locations you administer.") };
  },
  async run({ input, tx, record, allowed: { admin, location } }) {
    const taken = await tx.user.findFirst({
      where: { OR: [{ username: input.username }, ...(input.email ? [{ email: input.email }] : [])] },
      select: { username: true, email: true },
    });
    if (taken) {
      throw new ActionError(FIX_FIELDS, {
        ...(taken.username === input.username ? { username: ["That username is already taken."] } : {}),
        ...(input.email && taken.email === input.email ? { email: ["Another user already has this email address."] } : {}),
      });
    }
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
    const admin = requireAdmin(ctx);
    await requireManagedUser(tx, admin, input.userId);
    return { location: await requireOwnLocation(tx, admin, input.locationId, "You can only move users to Locations you administer.") };
  },
  async run({ input, tx, record, allowed: { location } }) {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: { name: true, email: true, location: { select: { id: true, name: true } } },
    });
    if (input.email && input.email !== before.email) {
      const taken = await tx.user.findFirst({ where: { email: input.email, NOT: { id: input.userId } }, select: { id: true } });
      if (taken) throw new ActionError(FIX_FIELDS, { email: ["Another user already has this email address."] });
    }
    const changes: Partial<Record<"name" | "email" | "location", { from: string | null; to: string | null }>> = {};
    if (before.name !== input.name) changes.name = { from: before.name, to: input.name };
    if (before.email !== input.email) changes.email = { from: before.email, to: input.email };
    if (before.location.id !== location.id) changes.location = { from: before.location.name, to: location.name };
    if (Object.keys(changes).length === 0) return;
    await tx.user.update({ where: { id: input.userId }, data: { name: input.name, email: input.email, locationId: location.id } });
    await record({ type: "user.updated", subjectUserId: input.userId, details: { changes } });
  },
});

function setActive(active: boolean) {
  return defineMutation({
    schema: userIdSchema,
    async authorize({ ctx, input, tx }) {
      const admin = requireAdmin(ctx);
      if (input.userId === admin.userId) throw new ActionError("You cannot deactivate your own account.");
      return { target: await requireManagedUser(tx, admin, input.userId) };
    },
    async run({ input, tx, record, allowed: { target } }) {
      if (target.active === active) return;
      await tx.user.update({ where: { id: input.userId }, data: { active, deactivatedAt: active ? null : new Date() } });
      await record({ type: active ? "user.reactivated" : "user.deactivated", subjectUserId: input.userId, details: {} });
    },
  });
}

export const deactivateUser = setActive(false);
export const reactivateUser = setActive(true);

export const grantPermission = defineMutation({
  schema: grantSchema,
  async authorize({ ctx, input, tx }) {
    const admin = requireAdmin(ctx);
    const target = await requireManagedUser(tx, admin, input.userId);
    const location =
      input.permission === "LOCAL_USER_ADMIN" && input.locationId ? await requireLocation(tx, admin.organizationId, input.locationId) : null;
    if (!canChangeGrant(admin, target, { permission: input.permission, locationPath: location?.path ?? null }).ok) {
      throw new ActionError("You cannot grant a permission that your own permissions do not cover.");
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
    const admin = requireAdmin(ctx);
    const target = await requireManagedUser(tx, admin, input.userId);
    const grant = await tx.permissionGrant.findFirst({
      where: { id: input.grantId, userId: target.userId },
      select: { id: true, permission: true, location: { select: { name: true, path: true } } },
    });
    if (!grant) throw new ActionError("That permission is no longer held.");
    if (!canChangeGrant(admin, target, { permission: grant.permission, locationPath: grant.location?.path ?? null }).ok) {
      throw new ActionError(NOT_ALLOWED);
    }
    return { target, grant };
  },
  async run({ tx, record, allowed: { target, grant } }) {
    await tx.permissionGrant.delete({ where: { id: grant.id } });
    await record({ type: "permission.revoked", subjectUserId: target.userId, details: { permission: grant.permission, location: grant.location?.name ?? null } });
  },
});
