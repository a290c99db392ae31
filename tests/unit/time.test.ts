// Dates in a time zone: the start of a day (also where clocks change at midnight), the next day,
// ISO 8601 with the offset, canonical zone names.
import { describe, expect, it } from "vitest";
import { canonicalTimeZone, isoWithOffset, nextDay, startOfDayIn } from "@/lib/format/time";

describe("days in a time zone", () => {
  it("starts a day at local midnight", () => {
    expect(startOfDayIn("2026-11-28", "UTC").toISOString()).toBe("2026-11-28T00:00:00.000Z");
    expect(startOfDayIn("2026-01-14", "America/New_York").toISOString()).toBe("2026-01-14T05:00:00.000Z");
    expect(startOfDayIn("2026-07-14", "Asia/Kolkata").toISOString()).toBe("2026-07-13T18:30:00.000Z");
  });

  it("on the days the clocks change, at 02:00 or at midnight", () => {
    // Paris: 23- and 25-hour days; the day still starts at 00:00 local.
    expect(startOfDayIn("2024-03-31", "Europe/Paris").toISOString()).toBe("2024-03-30T23:00:00.000Z");
    expect(startOfDayIn("2024-04-01", "Europe/Paris").toISOString()).toBe("2024-03-31T22:00:00.000Z");
    expect(startOfDayIn("2024-10-28", "Europe/Paris").getTime() - startOfDayIn("2024-10-27", "Europe/Paris").getTime()).toBe(25 * 3600_000);
    // Santiago jumps from 00:00 to 01:00 on 8 Sep 2024: that day begins at 01:00 (-03:00).
    expect(isoWithOffset(startOfDayIn("2024-09-08", "America/Santiago"), "America/Santiago")).toBe("2024-09-08T01:00:00-03:00");
    // Beirut goes back an hour at midnight (00:00 +03:00 becomes 23:00 +02:00 the day before):
    // 27 Oct begins an hour later, at 00:00 +02:00.
    expect(isoWithOffset(startOfDayIn("2024-10-27", "Asia/Beirut"), "Asia/Beirut")).toBe("2024-10-27T00:00:00+02:00");
  });

  it("knows the next day across months and leap years", () => {
    expect(["2026-01-31", "2028-02-28", "2028-02-29", "2026-12-31"].map(nextDay)).toEqual(["2026-02-01", "2028-02-29", "2028-03-01", "2027-01-01"]);
  });

  it("names zones canonically, and knows when it does not know one", () => {
    expect(canonicalTimeZone("asia/tokyo")).toBe("Asia/Tokyo");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    for (const bad of ["", "Mars/Olympus_Mons", "../etc", "x".repeat(65), 42, null]) expect(canonicalTimeZone(bad)).toBeNull();
  });
});
