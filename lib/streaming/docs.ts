// The event types of docs/audit-streaming.md, written from the declarations (lib/timeline/events.ts)
// so that the documentation cannot drift from what is sent: `npm run docs:streaming` rewrites the
// section between its markers, and a unit test fails when it is stale.
import { z } from "zod";
import { EVENTS } from "@/lib/timeline/events";
import { TYPE_PREFIX } from "./payload";

export const DOC_BEGIN = "<!-- streamed-events:begin -->";
export const DOC_END = "<!-- streamed-events:end -->";

type Schema = { anyOf?: Schema[]; oneOf?: Schema[]; type?: string | string[]; enum?: unknown[]; format?: string; properties?: Record<string, Schema>; required?: string[]; additionalProperties?: Schema | boolean; propertyNames?: Schema; items?: Schema };

/** A JSON Schema as a short TypeScript-like shape: `{ reason: string | null; at: date-time }`. */
function shape(schema: Schema): string {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(shape).join(" | ");
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const one = (type: string): string => {
    if (type === "string") return schema.format === "date-time" ? "string (ISO 8601)" : "string";
    if (type === "integer" || type === "number") return "number";
    if (type === "array") return `${schema.items ? shape(schema.items) : "unknown"}[]`;
    if (type === "object") {
      if (schema.properties && Object.keys(schema.properties).length) {
        const required = new Set(schema.required ?? []);
        return `{ ${Object.entries(schema.properties)
          .map(([k, v]) => `${k}${required.has(k) ? "" : "?"}: ${shape(v)}`)
          .join("; ")} }`;
      }
      if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        const key = schema.propertyNames?.enum ? schema.propertyNames.enum.map((v) => JSON.stringify(v)).join(" | ") : "string";
        return `{ [key: ${key}]: ${shape(schema.additionalProperties)} }`;
      }
      return "{}";
    }
    return type; // "boolean", "null"
  };
  return types.length ? types.map(one).join(" | ") : "unknown";
}

/** The section: one line per event type, its timeline, its label and the shape of `data.details`. */
export function streamedEventsMarkdown(): string {
  const rows = Object.entries(EVENTS).map(([type, spec]) => {
    const details = shape(z.toJSONSchema(spec.details as z.ZodType, { unrepresentable: "any" }) as Schema);
    return `| \`${TYPE_PREFIX}${type}\` | ${spec.scope.toLowerCase()} | ${spec.label} | \`${details.replace(/\|/g, "\\|")}\` |`;
  });
  return [DOC_BEGIN, "| `type` | timeline | what happened | `data.details` |", "|---|---|---|---|", ...rows, DOC_END].join("\n");
}
