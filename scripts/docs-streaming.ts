// npm run docs:streaming: rewrites the list of streamed event types in docs/audit-streaming.md from
// the declarations (lib/streaming/docs.ts); tests/unit/audit-stream-docs.test.ts fails when stale.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DOC_BEGIN, DOC_END, streamedEventsMarkdown } from "@/lib/streaming/docs";
import { projectRoot } from "./lib/migrations";

const file = path.join(projectRoot, "docs", "audit-streaming.md");
const text = readFileSync(file, "utf8");
const start = text.indexOf(DOC_BEGIN);
const end = text.indexOf(DOC_END);
if (start < 0 || end < start) throw new Error(`${file} has no ${DOC_BEGIN} … ${DOC_END} section.`);
writeFileSync(file, text.slice(0, start) + streamedEventsMarkdown() + text.slice(end + DOC_END.length));
console.log(`[docs] ${path.relative(projectRoot, file)}: the streamed event types are rewritten.`);
