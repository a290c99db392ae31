// The one date formatter: dates in a time zone (the viewer's: their setting, else their browser's,
// else UTC), saying which wherever a time of day shows ("12 Mar 2026, 09:15 CET"). Pure and
// client-safe; the request's zone comes from lib/format/time-zone.ts on the server.
export type TimeStyle = "date" | "datetime" | "datetime-seconds";

const OPTIONS: Record<TimeStyle, Intl.DateTimeFormatOptions> = {
  date: { dateStyle: "medium" },
  datetime: { dateStyle: "medium", timeStyle: "short" },
  "datetime-seconds": { dateStyle: "medium", timeStyle: "medium" },
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(style: TimeStyle | "zone" | "iso", timeZone: string): Intl.DateTimeFormat {
  const key = `${style}|${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    // Callers pass canonical zones; a bound all the same, so no input can grow this without limit.
    if (formatters.size > 2_000) formatters.clear();
    f =
      style === "zone"
        ? new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" })
        : style === "iso"
          ? new Intl.DateTimeFormat("en-CA", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" })
          : new Intl.DateTimeFormat("en-GB", { ...OPTIONS[style], timeZone });
    formatters.set(key, f);
  }
  return f;
}

/**
 * `zone`'s canonical IANA name ("europe/paris" → "Europe/Paris"), or null when this runtime does not
 * know it. Only canonical names are used (and cached), so varying the spelling grows nothing.
 */
export function canonicalTimeZone(zone: unknown): string | null {
  if (typeof zone !== "string" || zone.length === 0 || zone.length > 64 || !/^[A-Za-z0-9_+\-/]+$/.test(zone)) return null;
  // Asked on every request (the setting, the browser's cookie): remembered, within a bound.
  const known = canonical.get(zone);
  if (known !== undefined) return known;
  let name: string | null;
  try {
    name = new Intl.DateTimeFormat("en-GB", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    name = null;
  }
  if (canonical.size > 2_000) canonical.clear();
  canonical.set(zone, name);
  return name;
}
const canonical = new Map<string, string | null>();

/** The short name of `timeZone` at `date` ("UTC", "CET", "GMT+9"). */
export function zoneName(date: Date, timeZone: string): string {
  return formatter("zone", timeZone).formatToParts(date).find((p) => p.type === "timeZoneName")?.value ?? timeZone;
}

/** `date` formatted in `style` and `timeZone`; times of day carry the zone's name unless `bare`. */
export function formatTime(date: Date, style: TimeStyle = "datetime", options: { bare?: boolean; timeZone?: string } = {}): string {
  const timeZone = options.timeZone ?? "UTC";
  const text = formatter(style, timeZone).format(date);
  return style === "date" || options.bare ? text : `${text} ${zoneName(date, timeZone)}`;
}

function localParts(date: Date, timeZone: string) {
  return Object.fromEntries(formatter("iso", timeZone).formatToParts(date).map((p) => [p.type, p.value])) as Record<string, string>;
}

/** How far `timeZone` is ahead of UTC at `date`, in minutes. */
function offsetMinutes(date: Date, timeZone: string): number {
  const p = localParts(date, timeZone);
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((local - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
}

/** ISO 8601 with the offset of `timeZone` at that instant: "2026-11-28T11:02:03+01:00" (exports). */
export function isoWithOffset(date: Date, timeZone = "UTC"): string {
  const p = localParts(date, timeZone);
  const minutes = offsetMinutes(date, timeZone);
  const abs = Math.abs(minutes);
  const offset = `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${offset}`;
}

/** The instant a calendar day ("2026-11-28") begins in `timeZone`. */
export function startOfDayIn(day: string, timeZone = "UTC"): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(y, m - 1, d);
  const first = midnightUtc - offsetMinutes(new Date(midnightUtc), timeZone) * 60_000;
  // (Across a change of offset, the offset at the first guess may not be the day's own.)
  let start = midnightUtc - offsetMinutes(new Date(first), timeZone) * 60_000;
  // Where the clocks jump forward at midnight (Santiago, say), the day has no 00:00: it begins at
  // the jump, which is on a quarter hour. Step to the first instant that is already this day.
  const label = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const localDay = (t: number) => {
    const p = localParts(new Date(t), timeZone);
    return `${p.year}-${p.month}-${p.day}`;
  };
  for (let i = 0; i < 8 && localDay(start) < label; i++) start += 15 * 60_000;
  return new Date(start);
}

/** The calendar day after `day` ("2026-12-31" → "2027-01-01"). */
export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** A length of time as people say it: "12 seconds", "1 minute", "5 minutes", "1 hour", "90 minutes". */
export function formatDuration(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60 || seconds % 60 !== 0) return plural(seconds, "second");
  const minutes = seconds / 60;
  return minutes % 60 === 0 && minutes >= 60 ? plural(minutes / 60, "hour") : plural(minutes, "minute");
}

/** How long something lasted, roughly, as people say it: "45 seconds", "12 minutes", "1 hour 5 minutes". */
export function formatElapsed(milliseconds: number): string {
  const seconds = Math.max(0, Math.round(milliseconds / 1000));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `${hours} hour${hours === 1 ? "" : "s"}${rest ? ` ${rest} minute${rest === 1 ? "" : "s"}` : ""}`;
}
