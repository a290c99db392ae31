// Changes to one's own account. Never while impersonating: an administrator signed in as someone
// must not change their password.
import { lockedUntil } from "@/lib/auth/credentials";
import { LOCKED_OUT } from "@/lib/auth/messages";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { revokeUserSessions } from "@/lib/auth/sessions";
import { ActionError, CommittedRefusal, defineMutation, FIX_FIELDS } from "@/lib/mutation";
import { changePasswordSchema, timeZoneSchema } from "@/lib/validations/account";

/**
 * A new password ends every sign-in of the account (this one too: every copy of every token stops
 * working), and the impersonations the user runs. A wrong current password counts as a failed
 * sign-in, so this form is no way round the lockout.
 */
export const changePassword = defineMutation({
  schema: changePasswordSchema,
  notWhileImpersonating: "changing a password",
  authorize() {}, // one's own account: whoever is signed in, as themselves
  async run({ ctx, input, tx, record }) {
    const user = await tx.user.findUniqueOrThrow({ where: { id: ctx.viewer.id }, select: { username: true, passwordHash: true } });
    if (await lockedUntil(tx, user.username, ctx.now())) throw new ActionError(LOCKED_OUT);
    if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
      // The failed attempt commits with this transaction; the refusal is answered after.
      await tx.signInAttempt.create({ data: { username: user.username, userId: ctx.viewer.id, succeeded: false } });
      throw new CommittedRefusal(FIX_FIELDS, { currentPassword: ["That is not your current password."] });
    }
    await tx.user.update({ where: { id: ctx.viewer.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
    const sessionsEnded = await revokeUserSessions(tx, ctx.viewer.id, "password-changed", ctx.now());
    await record({ type: "user.password_changed", subjectUserId: ctx.viewer.id, details: { sessionsEnded } });
  },
});

/** The time zone dates are shown in (null: the browser's). One's own preference: not while impersonating. */
export const updateTimeZone = defineMutation({
  schema: timeZoneSchema,
  notWhileImpersonating: "changing a time zone",
  authorize() {}, // one's own preference: whoever is signed in, as themselves
  async run({ ctx, input, tx, record }) {
    // Read under the row's lock: two changes at once each record the zone they really replaced.
    const [user] = await tx.$queryRaw<{ timeZone: string | null }[]>`SELECT "timeZone" FROM "User" WHERE id = ${ctx.viewer.id} FOR UPDATE`;
    const from = user?.timeZone ?? null;
    if (from === input.timeZone) return { changed: false };
    await tx.user.update({ where: { id: ctx.viewer.id }, data: { timeZone: input.timeZone } });
    await record({ type: "user.time_zone_changed", subjectUserId: ctx.viewer.id, details: { from, to: input.timeZone } });
    return { changed: true };
  },
});
