import { describe, expect, it } from "vitest";
import { decideAccess, isPublicPath } from "@/lib/auth/edge-session";

const limits = { SESSION_MAX_AGE_SECONDS: 43_200 };
const now = 1_800_000_000;
const page = (pathname: string, search = "") => ({ pathname, search, expectsData: false });
const token = (signedInAt = now - 60) => ({ sub: "user-1", signedInAt });

describe("decideAccess (edge middleware)", () => {
  it("lets anyone reach the sign-in page and Auth.js's routes", () => {
    expect(isPublicPath("/sign-in")).toBe(true);
    expect(isPublicPath("/api/auth/callback/credentials")).toBe(true);
    expect(isPublicPath("/sign-in-evil")).toBe(false);
    expect(decideAccess(page("/sign-in"), null, now, limits)).toEqual({ kind: "next" });
  });

  it("sends a page request without a session to sign in, remembering where it was going", () => {
    expect(decideAccess(page("/"), null, now, limits)).toEqual({ kind: "redirect", location: "/sign-in" });
    expect(decideAccess(page("/items", "?status=NEW"), null, now, limits)).toEqual({
      kind: "redirect",
      location: "/sign-in?callbackUrl=%2Fitems%3Fstatus%3DNEW",
    });
  });

  it("answers a Server Action or API call without a session with 401", () => {
    expect(decideAccess({ pathname: "/admin/users/new", search: "", expectsData: true }, null, now, limits)).toEqual({ kind: "unauthorized" });
  });

  it("lets a signed-in request through until the absolute limit", () => {
    expect(decideAccess(page("/people"), token(), now, limits)).toEqual({ kind: "next" });
    expect(decideAccess(page("/people"), token(now - 43_200), now, limits)).toEqual({ kind: "next" });
    expect(decideAccess(page("/people"), token(now - 43_201), now, limits).kind).toBe("redirect");
    expect(decideAccess(page("/people"), { sub: "user-1" }, now, limits).kind).toBe("redirect");
    expect(decideAccess(page("/people"), { signedInAt: now }, now, limits).kind).toBe("redirect");
  });
});
