// docs/audit-streaming.md lists every streamed event type with the shape of its details, written
// from the declarations: stale documentation fails here (npm run docs:streaming rewrites it).
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DOC_BEGIN, DOC_END, streamedEventsMarkdown } from "@/lib/streaming/docs";
import { STREAMED_TYPES } from "@/lib/streaming/payload";

const doc = readFileSync(path.resolve(import.meta.dirname, "../../docs/audit-streaming.md"), "utf8");

describe("docs/audit-streaming.md", () => {
  it("lists every event type as the declarations say it (run npm run docs:streaming if not)", () => {
    expect(doc.slice(doc.indexOf(DOC_BEGIN), doc.indexOf(DOC_END) + DOC_END.length)).toBe(streamedEventsMarkdown());
  });

  it("has a row for each type an endpoint can receive, and the shape of a few as a reader expects", () => {
    for (const { type } of STREAMED_TYPES) expect(doc).toContain(`| \`${type}\` |`);
    expect(doc).toContain("| `kaizen.impersonation.started` | admin | Impersonation started | `{ reason: string \\| null; idleTimeoutSeconds: number; absoluteExpiresAt: string (ISO 8601) }` |");
    expect(doc).toContain("| `kaizen.item.commented` | item | Comment added | `{ commentId: string; excerpt: string }` |");
  });
});
