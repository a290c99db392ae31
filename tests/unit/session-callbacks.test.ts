// Identity never comes from the client: what an update() call sends cannot change who the session
// is, who the actor is, or the impersonation.
import { describe, expect, it } from "vitest";
import authConfig from "@/auth.config";

const now = Math.floor(Date.now() / 1000);
const token = {
  sub: "jane-id",
  name: "Jane Doe",
  username: "jane",
  organizationId: "acme",
  signedInAt: now,
  actor: { id: "gina-id", name: "Gina Global", username: "gina" },
  impersonation: { id: "imp-1", startedAt: "2026-01-01T00:00:00.000Z", absoluteExpiresAt: "2026-01-01T01:00:00.000Z", idleTimeoutSeconds: 300 },
};

describe("session callbacks", () => {
  it("ignore what update() sends", async () => {
    const forged = { user: { id: "gina-id" }, sub: "gina-id", actor: null, impersonation: null };
    const result = await authConfig.callbacks.jwt({ token: { ...token }, trigger: "update", session: forged } as never);
    expect(result).toEqual(token);
  });

  it("expose the target as user, plus the actor and the impersonation", async () => {
    const session = await authConfig.callbacks.session({ session: { user: {}, expires: "" }, token } as never);
    expect(session).toMatchObject({
      user: { id: "jane-id", name: "Jane Doe", username: "jane", organizationId: "acme" },
      actor: { id: "gina-id", name: "Gina Global" },
      impersonation: { id: "imp-1", idleTimeoutSeconds: 300 },
    });
  });

  it("end a session past its absolute limit", async () => {
    expect(await authConfig.callbacks.jwt({ token: { ...token, signedInAt: now - 43_201 } } as never)).toBeNull();
  });
});
