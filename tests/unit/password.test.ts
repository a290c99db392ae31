import { describe, expect, it } from "vitest";
import { hashPassword, verifyDummyPassword, verifyPassword } from "@/lib/auth/password";

describe("passwords", () => {
  it("hash with Argon2id at OWASP's parameters and verify", async () => {
    const hash = await hashPassword("correct horse");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse")).toBe(true);
    expect(await verifyPassword(hash, "Correct horse")).toBe(false);
    expect(await hashPassword("correct horse")).not.toBe(hash); // salted
  });

  it("never accept a malformed hash, and the dummy check always fails", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(await verifyDummyPassword("anything")).toBe(false);
  });
});
