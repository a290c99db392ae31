import { formatTime, type TimeStyle } from "@/lib/format/time";

/** A date or time as people read it, with the machine-readable instant in `dateTime`. */
export function Time({ value, style = "datetime", bare }: { value: Date; style?: TimeStyle; bare?: boolean }) {
  return <time dateTime={value.toISOString()}>{formatTime(value, style, { bare })}</time>;
}
