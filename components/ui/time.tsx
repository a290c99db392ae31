import { formatTime, type TimeStyle } from "@/lib/format/time";
import { requestTimeZone } from "@/lib/format/time-zone";

/** A date or time in the viewer's time zone, with the machine-readable instant in `dateTime`. */
export function Time({ value, style = "datetime", bare }: { value: Date; style?: TimeStyle; bare?: boolean }) {
  return <time dateTime={value.toISOString()}>{formatTime(value, style, { bare, timeZone: requestTimeZone() })}</time>;
}
