// The time zone of this request: what <Time> and every formatted date use. Set once per request by
// the request context (lib/context: the viewer's setting, else their browser's, else UTC).
import "server-only";
import { cache } from "react";

const store = cache(() => ({ timeZone: "UTC" }));

export function setRequestTimeZone(timeZone: string): void {
  store().timeZone = timeZone;
}

export function requestTimeZone(): string {
  return store().timeZone;
}

/** The cookie the browser's own zone arrives in (set by components/session/time-zone-cookie.tsx). */
export const BROWSER_TIME_ZONE_COOKIE = "kaizen.tz";
