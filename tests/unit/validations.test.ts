import { describe, expect, it } from "vitest";
import { safeCallbackPath, signInSchema } from "@/lib/validations/auth";

describe("signInSchema", () => {
  it("normalises the username and keeps the password as typed", () => {
    expect(signInSchema.parse({ username: "  Gina ", password: " pass " })).toEqual({ username: "gina", password: " pass " });
  });

  it("explains what is missing or too long", () => {
    const result = signInSchema.safeParse({ username: "", password: "" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(["Enter your username.", "Enter your password."]);
    expect(signInSchema.safeParse({ username: "a".repeat(65), password: "x" }).error?.issues[0]?.message).toBe(
      "Usernames are at most 64 characters.",
    );
    expect(signInSchema.safeParse({ username: null, password: 42 }).success).toBe(false);
  });
});

describe("safeCallbackPath", () => {
  it.each([
    ["/items?status=NEW", "/items?status=NEW"],
    ["http://localhost:3000/boards/1", "/boards/1"],
    ["https://evil.example/steal", "/steal"],
    ["//evil.example/x", "/x"],
    ["/\\evil.example", "/"],
    ["/sign-in", "/"],
    [undefined, "/"],
    [42, "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe("the console's filters and the time zone setting", () => {
  it("takes real days only (Date.parse would take 31 February for 3 March)", async () => {
    const { impersonationFiltersSchema } = await import("@/lib/validations/impersonation");
    expect(impersonationFiltersSchema.safeParse({ from: "2026-02-28", to: "2028-02-29" }).success).toBe(true);
    for (const day of ["2026-02-31", "2026-02-29", "2026-13-01", "2026-00-10", "2026-1-1"]) {
      expect(impersonationFiltersSchema.safeParse({ from: day }).success, day).toBe(false);
    }
  });

  it("stores a time zone by its canonical name, whatever the spelling, and refuses unknown ones", async () => {
    const { timeZoneSchema } = await import("@/lib/validations/account");
    expect(timeZoneSchema.parse({ timeZone: "eUrOpE/pArIs" })).toEqual({ timeZone: "Europe/Paris" });
    expect(timeZoneSchema.parse({ timeZone: "" })).toEqual({ timeZone: null });
    expect(timeZoneSchema.safeParse({ timeZone: "Mars/Olympus_Mons" }).success).toBe(false);
  });
});

