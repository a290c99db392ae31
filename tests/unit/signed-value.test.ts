// The signed values the app hands out (lib/auth/edge/signed-value.ts), the activity cookie and the
// sign-in page's `ended` parameter, refuse what was edited, what has expired, and what was signed
// for the other purpose.
import { describe, expect, it, vi } from "vitest";
import { readActivity, signActivity } from "@/lib/auth/edge/activity";
import { readSignedValue, signValue } from "@/lib/auth/edge/signed-value";
import { endedParam, readEndedParam } from "@/lib/impersonation/ended-notice";

const secret = "a-unit-test-secret-that-is-long-enough-123";
process.env.AUTH_SECRET = secret;
const T = 1_800_000_000;
// The same subject for both purposes: only the purpose tells the two values apart.
const id = "imp-1";

/** `value` with its claims changed and its signature kept. */
function edited(value: string, change: Record<string, unknown>): string {
  const [header, payload, signature] = value.split(".") as [string, string, string];
  const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, ...change })).toString("base64url")}.${signature}`;
}

describe("signed values", () => {
  it("read back what was signed, until they expire", async () => {
    const value = await signValue(secret, "activity", { sub: id, iat: T, exp: T + 60 });
    expect(await readSignedValue(secret, "activity", value, T + 59)).toEqual({ sub: id, iat: T, exp: T + 60 });
    expect(await readSignedValue(secret, "activity", value, T + 60)).toBeNull();
    expect(await readActivity(secret, id, await signActivity(secret, id, T), T + 3599)).toEqual({ kind: "valid", seconds: T });
    expect(await readEndedParam(await endedParam(id, T * 1000), T * 1000 + 599_000)).toBe(id);
  });

  it("read back what another process signed (the server reads what the middleware signed), until it expires", async () => {
    const activity = await signActivity(secret, id, T);
    const ended = await endedParam(id, T * 1000);
    vi.resetModules(); // a fresh module: nothing it signed itself to remember
    const elsewhere = await import("@/lib/auth/edge/activity");
    const notice = await import("@/lib/impersonation/ended-notice");
    expect(elsewhere.readActivity).not.toBe(readActivity);
    expect(await elsewhere.readActivity(secret, id, activity, T + 3599)).toEqual({ kind: "valid", seconds: T });
    expect(await elsewhere.readActivity(secret, id, activity, T + 3600)).toEqual({ kind: "forged" });
    expect(await notice.readEndedParam(ended, T * 1000 + 599_000)).toBe(id);
    expect(await notice.readEndedParam(ended, T * 1000 + 600_000)).toBeNull();
    expect(await notice.readEndedParam(activity, T * 1000)).toBeNull();
    expect(await elsewhere.readActivity(secret, id, ended, T)).toEqual({ kind: "forged" });
  });

  it("refuse an expired activity cookie or ended parameter", async () => {
    expect(await readActivity(secret, id, await signActivity(secret, id, T), T + 3600)).toEqual({ kind: "forged" });
    expect(await readEndedParam(await endedParam(id, T * 1000), T * 1000 + 600_000)).toBeNull();
  });

  it("refuse a tampered value: claims edited under the old signature, a signature edited", async () => {
    const activity = await signActivity(secret, id, T);
    expect(await readActivity(secret, id, edited(activity, { iat: T + 200 }), T + 10)).toEqual({ kind: "forged" });
    expect(await readActivity(secret, id, edited(activity, { exp: T + 7200 }), T + 3700)).toEqual({ kind: "forged" });
    const signature = activity.slice(activity.lastIndexOf(".") + 1);
    const flipped = `${activity.slice(0, activity.lastIndexOf(".") + 1)}${signature[0] === "A" ? "B" : "A"}${signature.slice(1)}`;
    expect(await readActivity(secret, id, flipped, T + 10)).toEqual({ kind: "forged" });
    const ended = await endedParam(id, T * 1000);
    expect(await readEndedParam(edited(ended, { sub: "imp-2" }), T * 1000)).toBeNull();
    expect(await readEndedParam(edited(ended, { exp: T + 3600 }), T * 1000 + 700_000)).toBeNull();
    expect(await readEndedParam(`${ended.slice(0, -1)}${ended.endsWith("A") ? "B" : "A"}`, T * 1000)).toBeNull();
    // Nor is an unsigned one ("alg": "none") with the same claims.
    const [, payload] = ended.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url")}.${payload}.`;
    expect(await readEndedParam(none, T * 1000)).toBeNull();
  });

  it("refuse a value signed for the other purpose: an activity cookie as `ended`, and the reverse", async () => {
    expect(await readEndedParam(await signActivity(secret, id, T), T * 1000 + 10_000)).toBeNull();
    expect(await readActivity(secret, id, await endedParam(id, T * 1000), T + 10)).toEqual({ kind: "forged" });
    const asActivity = await signValue(secret, "activity", { sub: id, iat: T, exp: T + 60 });
    expect(await readSignedValue(secret, "ended-notice", asActivity, T)).toBeNull();
  });

  it("ignore another session's activity cookie, expired or not: it is no forgery of this one", async () => {
    const earlier = await signActivity(secret, "user:gina-id:1799990000", T);
    expect(await readActivity(secret, id, earlier, T + 10)).toEqual({ kind: "absent" });
    expect(await readActivity(secret, id, earlier, T + 7200)).toEqual({ kind: "absent" });
  });

  it("refuse a value signed with another secret, and never sign without one", async () => {
    const other = await signValue("another-secret-that-is-long-enough-456", "ended-notice", { sub: id, iat: T, exp: T + 600 });
    expect(await readEndedParam(other, T * 1000)).toBeNull();
    await expect(signValue("", "activity", { sub: id, iat: T, exp: T + 60 })).rejects.toThrow(/AUTH_SECRET/);
    expect(await readSignedValue("", "activity", other, T)).toBeNull();
  });

  it("stay small enough for a cookie and a URL", async () => {
    const activity = await signActivity(secret, "user:cmabcdefghijklmnopqrstuvw:1800000000", T);
    expect(activity.length).toBeLessThan(200);
    expect((await endedParam("cmabcdefghijklmnopqrstuvw", T * 1000)).length).toBeLessThan(200);
  });
});
