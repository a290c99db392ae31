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
