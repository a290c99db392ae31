// One's own account, against the real database: a wrong current password counts as a failed
// sign-in, written in the change's own transaction like everything a change writes; a time zone
// change is recorded like every other change.
import { describe, expect, it } from "vitest";
import { changePassword, updateTimeZone } from "@/lib/account/mutations";
import { LOCKOUT_FAILURES } from "@/lib/auth/credentials";
import { LOCKED_OUT } from "@/lib/auth/messages";
import type { RequestContext } from "@/lib/context/create";
import { describeEvent } from "@/lib/timeline/events";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { FIX_FIELDS } from "@/lib/mutation";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { contextFor, refusalOf } from "../support/context";
import { createTestDatabase } from "../support/database";

const { db } = await createTestDatabase("demo");

/** `ctx` whose database opens transactions and nothing else: a write beside the transaction throws. */
function onlyThroughTransactions(ctx: RequestContext): RequestContext {
  const guarded = new Proxy(db, {
    get(target, property) {
      if (property === "$transaction") return target.$transaction.bind(target);
      throw new Error(`ctx.db.${String(property)} used outside the change's transaction`);
    },
  });
  return { ...ctx, db: guarded as PrismaClient };
}


describe("changing one's password", () => {
  it("with a wrong current password counts a failed sign-in, in the change's transaction, and changes nothing else", async () => {
    const lena = onlyThroughTransactions(await contextFor(db, "lena"));
    const failures = () => db.signInAttempt.count({ where: { username: "lena", succeeded: false } });
    const before = { failures: await failures(), user: await db.user.findUniqueOrThrow({ where: { username: "lena" } }), events: await db.timelineEvent.count() };
    // All but one of the failures that lock the username, then the last through the form.
    await db.signInAttempt.createMany({ data: Array.from({ length: LOCKOUT_FAILURES - 1 }, () => ({ username: "lena", userId: lena.viewer.id, succeeded: false })) });

    const wrong = await refusalOf(changePassword(lena, { currentPassword: "not-my-password", newPassword: "a-new-long-password", confirmPassword: "a-new-long-password" }));
    expect(wrong.message).toBe(FIX_FIELDS);
    expect(wrong.fieldErrors).toEqual({ currentPassword: ["That is not your current password."] });
    expect(await failures()).toBe(before.failures + LOCKOUT_FAILURES);
    expect(await db.user.findUniqueOrThrow({ where: { username: "lena" } })).toEqual(before.user);
    expect(await db.timelineEvent.count()).toBe(before.events);

    // That failure counted: the username is locked now, even for the right password.
    const locked = await refusalOf(changePassword(lena, { currentPassword: DEMO_PASSWORD, newPassword: "a-new-long-password", confirmPassword: "a-new-long-password" }));
    expect(locked.message).toBe(LOCKED_OUT);
    expect(await db.user.findUniqueOrThrow({ where: { username: "lena" } })).toEqual(before.user);
  });
});

describe("changing one's time zone", () => {
  it("is recorded in the Admin Timeline with what it was and what it became; saving the same again records nothing", async () => {
    const jane = await contextFor(db, "jane");
    const recorded = () => db.timelineEvent.findMany({ where: { type: "user.time_zone_changed", subjectUserId: jane.viewer.id }, orderBy: { id: "asc" } });
    expect(await updateTimeZone(jane, { timeZone: "asia/tokyo" })).toEqual({ changed: true });
    expect(await updateTimeZone(jane, { timeZone: "Asia/Tokyo" })).toEqual({ changed: false });
    expect(await updateTimeZone(jane, { timeZone: "" })).toEqual({ changed: true });
    expect((await db.user.findUniqueOrThrow({ where: { id: jane.viewer.id } })).timeZone).toBeNull();

    const events = await recorded();
    expect(events.map((e) => ({ scope: e.scope, userId: e.userId, actorId: e.actorId, details: e.details }))).toEqual([
      { scope: "ADMIN", userId: jane.viewer.id, actorId: jane.viewer.id, details: { from: null, to: "Asia/Tokyo" } },
      { scope: "ADMIN", userId: jane.viewer.id, actorId: jane.viewer.id, details: { from: "Asia/Tokyo", to: null } },
    ]);
    expect(describeEvent("user.time_zone_changed", events[0]!.details, "Jane Doe")).toBe("changed the time zone of Jane Doe from their browser's to Asia/Tokyo");
  });
});
