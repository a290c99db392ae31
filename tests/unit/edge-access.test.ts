// The edge middleware's decisions, driven with an injected clock.
import { describe, expect, it } from "vitest";
import { readActivity, sessionBinding, signActivity } from "@/lib/auth/edge/activity";
import { decideAccess, isPublicPath, type EdgeRequest } from "@/lib/auth/edge/access";

const secret = "a-test-secret-that-is-long-enough-for-auth";
const limits = {
  SESSION_MAX_AGE_SECONDS: 43_200,
  SESSION_IDLE_TIMEOUT_SECONDS: 1800,
  IMPERSONATION_IDLE_TIMEOUT_SECONDS: 300,
};
const T = 1_800_000_000; // last activity
const signedInAt = T - 600;
type Token = {
  sub: string;
  signedInAt: number;
  actor?: { id: string; name: string; username: string };
  impersonation?: { id: string; startedAt: string; absoluteExpiresAt: string; idleTimeoutSeconds: number };
};
const ordinary: Token = { sub: "jane-id", signedInAt };
const impersonating: Token = {
  sub: "jane-id",
  signedInAt,
  actor: { id: "gina-id", name: "Gina Global", username: "gina" },
  impersonation: { id: "imp-1", startedAt: "", absoluteExpiresAt: "", idleTimeoutSeconds: 300 },
};

const page = async (_token: Token, activity?: string, extra: Partial<EdgeRequest> = {}): Promise<EdgeRequest> => ({
  pathname: "/boards",
  search: "",
  expectsData: false,
  serverAction: false,
  duplicateCookie: false,
  background: false,
  activity,
  ...extra,
});
const stamp = (token: Token, at = T) => signActivity(secret, sessionBinding(token), at);

describe("middleware idle cutoff (edge, no database)", () => {
  it("impersonation: 299 s idle passes and refreshes; 301 s redirects a page and 401s an action", async () => {
    const activity = await stamp(impersonating);
    expect(await decideAccess(await page(impersonating, activity), impersonating, T + 299, limits, secret)).toEqual({
      kind: "next",
      refreshActivity: true,
    });
    expect(await decideAccess(await page(impersonating, activity), impersonating, T + 301, limits, secret)).toEqual({
      kind: "redirect",
      location: "/sign-in?notice=inactivity",
      clearSession: true,
    });
    expect(
      await decideAccess(
        await page(impersonating, activity, { expectsData: true }),
        impersonating,
        T + 301,
        limits,
        secret,
      ),
    ).toEqual({ kind: "unauthorized", reason: "inactivity", clearSession: true });
  });

  it("impersonation: a tampered, forged, borrowed or missing timestamp is refused", async () => {
    const binding = sessionBinding(impersonating);
    const good = await stamp(impersonating);
    const [header, payload, signature] = good.split(".") as [string, string, string];
    const later = { ...(JSON.parse(Buffer.from(payload, "base64url").toString()) as { iat: number }), iat: T + 200 };
    const tampered = `${header}.${Buffer.from(JSON.stringify(later)).toString("base64url")}.${signature}`; // a later time, old signature
    const madeUp = `${header}.${payload}.${"A".repeat(43)}`;
    const otherSecret = await signActivity("another-secret-of-enough-length!!", binding, T);
    const borrowed = await stamp({ ...impersonating, impersonation: { ...impersonating.impersonation!, id: "imp-2" } });
    for (const activity of [tampered, madeUp, otherSecret, "not-a-timestamp", borrowed]) {
      const decision = await decideAccess(await page(impersonating, activity), impersonating, T + 10, limits, secret);
      expect(decision.kind, activity).toBe("redirect");
    }
    // Missing: only the sign-in time counts, and that was 600 s ago.
    expect((await decideAccess(await page(impersonating), impersonating, T + 10, limits, secret)).kind).toBe(
      "redirect",
    );
    // Edited or made up is a forgery even while the session is fresh; another session's is ignored.
    const fresh = { ...impersonating, signedInAt: T };
    expect((await decideAccess(await page(fresh, tampered), fresh, T + 5, limits, secret)).kind).toBe("redirect");
    expect((await decideAccess(await page(fresh, borrowed), fresh, T + 5, limits, secret)).kind).toBe("next");
    expect(await readActivity(secret, binding, otherSecret)).toEqual({ kind: "forged" });
    expect(await readActivity(secret, binding, good)).toEqual({ kind: "valid", seconds: T });
  });

  it("the first request after signing in has no timestamp yet and passes", async () => {
    const fresh = { ...impersonating, signedInAt: T };
    expect(await decideAccess(await page(fresh), fresh, T + 5, limits, secret)).toEqual({
      kind: "next",
      refreshActivity: true,
    });
  });

  it("an ordinary session at 301 s idle passes (its limit is 30 minutes), and ends after that", async () => {
    const activity = await stamp(ordinary);
    expect(await decideAccess(await page(ordinary, activity), ordinary, T + 301, limits, secret)).toEqual({
      kind: "next",
      refreshActivity: true,
    });
    expect((await decideAccess(await page(ordinary, activity), ordinary, T + 1801, limits, secret)).kind).toBe(
      "redirect",
    );
  });

  it("background requests pass without refreshing the timestamp", async () => {
    const activity = await stamp(impersonating);
    expect(
      await decideAccess(
        await page(impersonating, activity, { background: true }),
        impersonating,
        T + 100,
        limits,
        secret,
      ),
    ).toEqual({
      kind: "next",
      refreshActivity: false,
    });
  });

  it("without a session: pages go to sign in (remembering where), actions get 401; public paths pass", async () => {
    expect(isPublicPath("/sign-in")).toBe(true);
    expect(isPublicPath("/api/auth/callback/credentials")).toBe(true);
    expect(isPublicPath("/sign-in-evil")).toBe(false);
    const anon = (extra: Partial<EdgeRequest>) =>
      decideAccess(
        { pathname: "/", search: "", expectsData: false, serverAction: false, duplicateCookie: false, background: false, activity: undefined, ...extra },
        null,
        T,
        limits,
        secret,
      );
    expect(await anon({})).toEqual({ kind: "redirect", location: "/sign-in", clearSession: false });
    expect(await anon({ pathname: "/items", search: "?status=NEW" })).toEqual({
      kind: "redirect",
      location: "/sign-in?callbackUrl=%2Fitems%3Fstatus%3DNEW",
      clearSession: false,
    });
    expect(await anon({ expectsData: true })).toEqual({
      kind: "unauthorized",
      reason: "signed-out",
      clearSession: false,
    });
    expect(await anon({ pathname: "/sign-in" })).toEqual({ kind: "next", refreshActivity: false });
  });

  it("ends any session past the 12-hour absolute limit", async () => {
    const old = { sub: "jane-id", signedInAt: T - 43_201 };
    expect((await decideAccess(await page(old, await stamp(old)), old, T, limits, secret)).kind).toBe("redirect");
  });
});
