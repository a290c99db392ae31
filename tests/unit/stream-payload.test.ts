// An audit stream's payloads and signatures: the payload of every declared event type is derived
// from its declaration, and every signature verifies with the `standardwebhooks` package — the
// specification's reference library — with the secret in use, and with the old one for a rotation.
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { payloadOf, receives, STREAMED_TYPES, type StreamedEvent } from "@/lib/streaming/payload";
import { newSigningSecret, signedHeaders } from "@/lib/streaming/sign";
import { EVENTS } from "@/lib/timeline/events";

const started: StreamedEvent = {
  id: 42n,
  organizationId: "org-acme",
  scope: "ADMIN",
  type: "impersonation.started",
  createdAt: new Date("2026-12-02T09:00:00.000Z"),
  userId: "user-gina",
  actorId: "user-gina",
  impersonationSessionId: "imp-1",
  subjectUserId: "user-jane",
  itemId: null,
  boardId: null,
  details: { reason: "Checking a report", idleTimeoutSeconds: 300, absoluteExpiresAt: "2026-12-02T10:00:00.000Z" },
};

describe("payloads", () => {
  it("carry the type, the time, who it shows as, who did it, the impersonation and the declared details", () => {
    expect(payloadOf(started)).toEqual({
      type: "kaizen.impersonation.started",
      timestamp: "2026-12-02T09:00:00.000Z",
      data: {
        eventId: "42",
        organizationId: "org-acme",
        timeline: "admin",
        effectiveUserId: "user-gina",
        actorId: "user-gina",
        impersonationId: "imp-1",
        subjectUserId: "user-jane",
        itemId: null,
        boardId: null,
        summary: "started impersonating a user (reason: Checking a report)",
        details: { reason: "Checking a report", idleTimeoutSeconds: 300, absoluteExpiresAt: "2026-12-02T10:00:00.000Z" },
      },
    });
  });

  it("exist for every declared event type, and for nothing else", () => {
    expect(STREAMED_TYPES.map((t) => t.type).sort()).toEqual(Object.keys(EVENTS).map((t) => `kaizen.${t}`).sort());
    expect(payloadOf({ ...started, type: "made.up" })).toBeNull();
  });

  it("go to the endpoints that asked for them", () => {
    const comment = { scope: "ITEM", type: "item.commented", impersonationSessionId: "imp-1" } as const;
    const ownComment = { ...comment, impersonationSessionId: null };
    const userCreated = { scope: "ADMIN", type: "user.created", impersonationSessionId: null } as const;
    expect([receives("IMPERSONATIONS", started), receives("IMPERSONATIONS", comment), receives("IMPERSONATIONS", ownComment), receives("IMPERSONATIONS", userCreated)]).toEqual([true, true, false, false]);
    expect([receives("ADMIN_TIMELINE", started), receives("ADMIN_TIMELINE", comment), receives("ADMIN_TIMELINE", userCreated)]).toEqual([true, false, true]);
    expect([receives("BOTH", comment), receives("BOTH", userCreated), receives("BOTH", ownComment)]).toEqual([true, true, false]);
  });
});

describe("signatures (Standard Webhooks)", () => {
  const body = JSON.stringify(payloadOf(started));
  const now = new Date();

  it("verify with the standardwebhooks package, and fail for a changed body, id or time", () => {
    const secret = newSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const headers = signedHeaders([secret], "msg_1", now, body);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(body.replace("Checking", "Hacking"), headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-id": "msg_2" })).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body, { ...headers, "webhook-timestamp": String(Number(headers["webhook-timestamp"]) + 1) })).toThrow(
      WebhookVerificationError,
    );
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  it("after a rotation, verify with the new secret and with the old one", () => {
    const [old, fresh] = [newSigningSecret(), newSigningSecret()];
    const headers = signedHeaders([fresh, old], "msg_1", now, body);
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(new Webhook(fresh).verify(body, headers)).toBeTruthy();
    expect(new Webhook(old).verify(body, headers)).toBeTruthy();
    expect(() => new Webhook(newSigningSecret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });
});
