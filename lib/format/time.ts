// The one date formatter. Times are shown in UTC for now, and say so where a time of day shows.
// (The viewer's own time zone will plug in here.)
export type TimeStyle = "date" | "datetime" | "datetime-seconds";

const formats: Record<TimeStyle, Intl.DateTimeFormat> = {
  date: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }),
  datetime: new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }),
  "datetime-seconds": new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }),
};

const TIME_ZONE_LABEL = "UTC";

/** `date` formatted in `style`; times of day carry the zone ("12 Mar 2026, 09:15 UTC") unless `bare`. */
export function formatTime(date: Date, style: TimeStyle = "datetime", options: { bare?: boolean } = {}): string {
  const text = formats[style].format(date);
  return style === "date" || options.bare ? text : `${text} ${TIME_ZONE_LABEL}`;
}

/** A length of time as people say it: "12 seconds", "1 minute", "5 minutes", "1 hour", "90 minutes". */
export function formatDuration(seconds: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (seconds < 60 || seconds % 60 !== 0) return plural(seconds, "second");
  const minutes = seconds / 60;
  return minutes % 60 === 0 && minutes >= 60 ? plural(minutes / 60, "hour") : plural(minutes, "minute");
}
