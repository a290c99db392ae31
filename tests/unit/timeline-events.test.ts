// The history's one declaration: writing validates each event's details against its type, reading
// parses them back, and the labels and sentences come from the same place.
import { describe, expect, it } from "vitest";
import { describeEvent, eventTypesOf, validateEvent, type NewEvent } from "@/lib/timeline/events";

describe("history events", () => {
  it("take their timeline from their type and keep details of the declared shape", () => {
    expect(validateEvent({ type: "item.status_changed", itemId: "i1", details: { from: "NEW", to: "DONE" } })).toEqual({
      type: "item.status_changed",
      scope: "ITEM",
      details: { from: "NEW", to: "DONE" },
    });
    expect(validateEvent({ type: "permission.granted", details: { permission: "IMPERSONATE_USER", location: null } }).scope).toBe("ADMIN");
  });

  it("refuse details that are not of their type's shape", () => {
    const bad = [
      { type: "item.status_changed", details: { from: "NEW", to: "SOMEWHERE" } },
      { type: "user.created", details: { username: "x" } },
      { type: "impersonation.ended", details: { endReason: "BORED", endedAt: "2026-01-01T00:00:00.000Z" } },
      { type: "impersonation.denied", details: { reason: "self", stage: "later" } },
    ] as unknown as NewEvent[];
    for (const event of bad) expect(() => validateEvent(event), event.type).toThrow();
    expect(() => validateEvent({ type: "no.such.event", details: {} } as unknown as NewEvent)).toThrow();
  });

  it("read back into sentences, and fall back to the label for details of an unknown shape", () => {
    expect(describeEvent("item.status_changed", { from: "NEW", to: "IN_PROGRESS" })).toBe("moved it from New to In progress");
    expect(describeEvent("permission.granted", { permission: "LOCAL_USER_ADMIN", location: "ICU" }, "Jane Doe")).toBe(
      "granted Local User Administrator (ICU) to Jane Doe",
    );
    expect(describeEvent("impersonation.ended", { endReason: "INACTIVITY", endedAt: "2026-01-01T00:00:00.000Z" }, "Jane Doe")).toBe(
      "ended the impersonation of Jane Doe: inactivity",
    );
    expect(describeEvent("user.time_zone_changed", { from: "Europe/Paris", to: null }, "Jane Doe")).toBe(
      "changed the time zone of Jane Doe from Europe/Paris to their browser's",
    );
    expect(describeEvent("item.status_changed", { from: 1 })).toBe("item moved");
    expect(describeEvent("legacy.type", {})).toBe("legacy.type");
  });

  it("list the Admin Timeline's event types with their labels, from the same declaration", () => {
    const admin = eventTypesOf("ADMIN");
    expect(admin.map((t) => t.value)).toContain("impersonation.started");
    expect(admin.map((t) => t.value)).not.toContain("item.created");
    expect(admin.find((t) => t.value === "impersonation.notice_skipped")?.label).toBe("Notification email not sent");
  });
});
