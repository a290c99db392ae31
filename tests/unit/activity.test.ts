// What counts as the user's activity (lib/auth/edge/activity.ts), header by header: the middleware
// refreshes the idle timestamp and the server records activity only for these.
import { describe, expect, it } from "vitest";
import { BACKGROUND_HEADER, countsAsActivity } from "@/lib/auth/edge/activity";
import { idleSecondsLeft } from "@/lib/auth/edge/access";

const host = { host: "hub.example.com" };
const counts = (headers: Record<string, string>) => countsAsActivity(new Headers({ ...host, ...headers }));
const fetchMeta = (site: string, mode: string, user?: string) => ({
  "sec-fetch-site": site,
  "sec-fetch-mode": mode,
  ...(user ? { "sec-fetch-user": user } : {}),
});

describe("the user's own activity", () => {
  it("a click, a key or the address bar counts; a navigation the page made by itself does not", () => {
    expect(counts(fetchMeta("same-origin", "navigate", "?1"))).toBe(true); // a link clicked, a form sent
    expect(counts(fetchMeta("none", "navigate", "?1"))).toBe(true); // typed, a bookmark, a reload
    // The countdown's trip to the sign-in page, a script's reload, the redirect after either.
    expect(counts(fetchMeta("same-origin", "navigate"))).toBe(false);
    expect(counts(fetchMeta("same-origin", "nested-navigate"))).toBe(false);
    // The address bar or a bookmark in Safari, which never sends Sec-Fetch-User: no page can start it.
    expect(counts(fetchMeta("none", "navigate"))).toBe(true);
  });

  it("the page's own requests count (client navigations, Server Actions), unless marked background", () => {
    expect(counts(fetchMeta("same-origin", "cors"))).toBe(true);
    expect(counts({ ...fetchMeta("same-origin", "cors"), [BACKGROUND_HEADER]: "1" })).toBe(false);
    expect(counts({ ...fetchMeta("same-origin", "cors"), "next-router-prefetch": "1" })).toBe(false);
    expect(counts({ ...fetchMeta("same-origin", "navigate", "?1"), "sec-purpose": "prefetch;prerender" })).toBe(false);
    expect(counts({ ...fetchMeta("same-origin", "navigate", "?1"), purpose: "prefetch" })).toBe(false);
  });

  it("another site's requests never count, even with the user's gesture", () => {
    for (const site of ["cross-site", "same-site"]) {
      expect(counts(fetchMeta(site, "navigate", "?1")), site).toBe(false);
      expect(counts(fetchMeta(site, "cors")), site).toBe(false);
    }
  });

  it("a browser without Sec-Fetch-Site: this site's Origin or Referer counts, another's or none does not", () => {
    expect(counts({ referer: "https://hub.example.com/items" })).toBe(true);
    expect(counts({ origin: "https://hub.example.com" })).toBe(true);
    expect(counts({ host: "app:3000", "x-forwarded-host": "hub.example.com", referer: "https://hub.example.com/" })).toBe(true);
    expect(counts({})).toBe(false);
    expect(counts({ referer: "https://evil.example/page" })).toBe(false);
    expect(counts({ referer: "https://hub.example.com.evil.example/" })).toBe(false);
    expect(counts({ origin: "null" })).toBe(false);
    expect(counts({ origin: "https://evil.example", referer: "https://evil.example/" })).toBe(false);
    expect(counts({ referer: "not a url" })).toBe(false);
  });
});

describe("what is left of the idle limit", () => {
  const limits = { SESSION_MAX_AGE_SECONDS: 43_200, SESSION_IDLE_TIMEOUT_SECONDS: 1800, IMPERSONATION_IDLE_TIMEOUT_SECONDS: 300 };
  const token = { sub: "u", signedInAt: 1_000, impersonation: { id: "imp", startedAt: "", absoluteExpiresAt: "", idleTimeoutSeconds: 300 } };
  it("counts from the sign-in when there is no timestamp, never past the limit, negative once over", async () => {
    expect(await idleSecondsLeft(token, undefined, 1_100, limits, "secret-secret-secret-secret-secret")).toBe(200);
    expect(await idleSecondsLeft(token, undefined, 1_301, limits, "secret-secret-secret-secret-secret")).toBe(-1);
    expect(await idleSecondsLeft(token, "imp:imp~1~AAAAAAAAAAAAAAAAAAAAAAAA", 1_001, limits, "secret-secret-secret-secret-secret")).toBe(-Infinity);
  });
});
