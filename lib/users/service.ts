// User Management: create, edit, deactivate and reactivate users, grant and revoke permissions.
// Each function authorises against the policy with permissions read fresh from the database, and
// writes the change and its Admin Timeline event in one transaction. The acting administrator is
// the effective user (during an impersonation: the impersonated user, with the true actor recorded).
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { ActionError, FIX_FIELDS, NOT_ALLOWED } from "@/lib/auth/action-error";
import { hashPassword } from "@/lib/auth/password";
import { loadAuthority } from "@/lib/permissions/authority";
import { administersLocation, canChangeGrant, canManageUser, isUserAdmin, type Authority } from "@/lib/permissions/policy";
import { recordEvent, type Attribution } from "@/lib/timeline/record-event";
import type { z } from "zod";
import type { createUserSchema, grantSchema, revokeSchema, updateUserSchema } from "@/lib/validations/users";

type Db = PrismaClient;

async function requireAdmin(db: Db, who: Attribution): Promise<Authority> {
  const admin = await loadAuthority(db, who.userId);
  if (!admin || !admin.active || admin.organizationId !== who.organizationId || !isUserAdmin(admin)) {
    throw new ActionError(NOT_ALLOWED);
  }
  return admin;
}

async function requireLocation(db: Db, organizationId: string, locationId: string, field = "locationId") {
  const location = await db.location.findFirst({ where: { id: locationId, organizationId }, select: { id: true, name: true, path: true } });
  if (!location) throw new ActionError(FIX_FIELDS, { [field]: ["Choose a Location from the list."] });
  return location;
}

/** The target, only if the admin may manage them; anything else looks like "not found". */
async function requireManagedUser(db: Db, admin: Authority, userId: string): Promise<Authority> {
  const target = await loadAuthority(db, userId);
  if (!target || target.organizationId !== admin.organizationId) throw new ActionError("That user does not exist.");
  if (!canManageUser(admin, target).ok) throw new ActionError(NOT_ALLOWED);
  return target;
}

export async function createUser(db: Db, who: Attribution, input: z.output<typeof createUserSchema>) {
  const admin = await requireAdmin(db, who);
  const location = await requireLocation(db, admin.organizationId, input.locationId);
  if (!administersLocation(admin, location.path)) {
    throw new ActionError(FIX_FIELDS, { locationId: ["You can only add users to Locations you administer."] });
  }
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
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
        passwordHash,
      },
      select: { id: true },
    });
    await recordEvent(tx, who, {
      scope: "ADMIN",
      type: "user.created",
      subjectUserId: user.id,
      details: { username: input.username, name: input.name, email: input.email, location: location.name },
    });
    return user;
  });
}

export async function updateUser(db: Db, who: Attribution, input: z.output<typeof updateUserSchema>) {
  const admin = await requireAdmin(db, who);
  await requireManagedUser(db, admin, input.userId);
  const location = await requireLocation(db, admin.organizationId, input.locationId);
  if (!administersLocation(admin, location.path)) {
    throw new ActionError(FIX_FIELDS, { locationId: ["You can only move users to Locations you administer."] });
  }
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({
      where: { id: input.userId },
      select: { name: true, email: true, location: { select: { id: true, name: true } } },
    });
    if (input.email && input.email !== before.email) {
      const taken = await tx.user.findFirst({ where: { email: input.email, NOT: { id: input.userId } }, select: { id: true } });
      if (taken) throw new ActionError(FIX_FIELDS, { email: ["Another user already has this email address."] });
    }
    const changes: Record<string, { from: string | null; to: string | null }> = {};
    if (before.name !== input.name) changes.name = { from: before.name, to: input.name };
    if (before.email !== input.email) changes.email = { from: before.email, to: input.email };
    if (before.location.id !== location.id) changes.location = { from: before.location.name, to: location.name };
    if (Object.keys(changes).length === 0) return;
    await tx.user.update({ where: { id: input.userId }, data: { name: input.name, email: input.email, locationId: location.id } });
    await recordEvent(tx, who, { scope: "ADMIN", type: "user.updated", subjectUserId: input.userId, details: { changes } });
  });
}

export async function setUserActive(db: Db, who: Attribution, userId: string, active: boolean) {
  const admin = await requireAdmin(db, who);
  if (userId === admin.userId) throw new ActionError("You cannot deactivate your own account.");
  const target = await requireManagedUser(db, admin, userId);
  if (target.active === active) return;
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { active, deactivatedAt: active ? null : new Date() } });
    await recordEvent(tx, who, { scope: "ADMIN", type: active ? "user.reactivated" : "user.deactivated", subjectUserId: userId });
  });
}

export async function grantPermission(db: Db, who: Attribution, input: z.output<typeof grantSchema>) {
  const admin = await requireAdmin(db, who);
  const target = await requireManagedUser(db, admin, input.userId);
  const location =
    input.permission === "LOCAL_USER_ADMIN" && input.locationId
      ? await requireLocation(db, admin.organizationId, input.locationId)
      : null;
  const grant = { permission: input.permission, locationPath: location?.path ?? null };
  if (!canChangeGrant(admin, target, grant).ok) {
    throw new ActionError("You cannot grant a permission that your own permissions do not cover.");
  }
  await db.$transaction(async (tx) => {
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
        grantedById: who.actorId,
      },
    });
    await recordEvent(tx, who, {
      scope: "ADMIN",
      type: "permission.granted",
      subjectUserId: target.userId,
      details: { permission: input.permission, location: location?.name ?? null },
    });
  });
}

export async function revokePermission(db: Db, who: Attribution, input: z.output<typeof revokeSchema>) {
  const admin = await requireAdmin(db, who);
  const target = await requireManagedUser(db, admin, input.userId);
  const grant = await db.permissionGrant.findFirst({
    where: { id: input.grantId, userId: target.userId },
    select: { id: true, permission: true, location: { select: { name: true, path: true } } },
  });
  if (!grant) throw new ActionError("That permission is no longer held.");
  if (!canChangeGrant(admin, target, { permission: grant.permission, locationPath: grant.location?.path ?? null }).ok) {
    throw new ActionError(NOT_ALLOWED);
  }
  await db.$transaction(async (tx) => {
    await tx.permissionGrant.delete({ where: { id: grant.id } });
    await recordEvent(tx, who, {
      scope: "ADMIN",
      type: "permission.revoked",
      subjectUserId: target.userId,
      details: { permission: grant.permission, location: grant.location?.name ?? null },
    });
  });
}
