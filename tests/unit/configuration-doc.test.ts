// docs/configuration.md is the one table of every variable. It must list exactly what the code
// reads — the schema of lib/env.ts and the variables the scripts read on their own — and every
// variable .env.example mentions, so a variable added without its line in the table fails here.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";
import { projectRoot } from "@/scripts/lib/migrations";

/** Read outside lib/env.ts's schema: by the scripts (scripts/lib), by Node itself, or set by Vercel. */
const OUTSIDE_THE_SCHEMA = [
  "DATABASE_URL_UNPOOLED", // scripts/lib/database.ts, prisma.config.ts: Neon's direct URL
  "VERCEL_ENV", // scripts/lib/vercel.ts: only production migrates
  "SEED_DEMO_DATA", // scripts/run.ts
  "EMBEDDED_POSTGRES_DIR", // scripts/lib/database.ts
  "KAIZEN_POSTGRES_BINDIR", // scripts/lib/system-postgres.ts
  "CHROMIUM_PATH", // scripts/lib/chromium.ts
  "UV_THREADPOOL_SIZE", // lib/auth/hash-slots.ts (and Node)
  "NODE_EXTRA_CA_CERTS", // Node, at process start: Amazon RDS's CA
];

const read = (file: string) => readFileSync(path.join(projectRoot, file), "utf8");

/** The first cell of every row of the table: "| `NAME` | …". */
function tableVariables(markdown: string): string[] {
  return [...markdown.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((match) => match[1]!);
}

describe("docs/configuration.md", () => {
  const listed = tableVariables(read("docs/configuration.md"));

  it("lists each variable once", () => {
    expect(listed.length).toBeGreaterThan(20);
    expect(listed.filter((name, i) => listed.indexOf(name) !== i)).toEqual([]);
  });

  it("lists exactly the schema's variables and those read outside it", () => {
    const expected = [...Object.keys(envSchema.shape), ...OUTSIDE_THE_SCHEMA];
    expect([...listed].sort()).toEqual([...new Set(expected)].sort());
  });

  it("lists every variable .env.example mentions", () => {
    // `NAME=` and `# NAME=…` lines: set or commented out at their default.
    const mentioned = [...read(".env.example").matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]!);
    expect(mentioned.length).toBeGreaterThan(20);
    expect(mentioned.filter((name) => !listed.includes(name))).toEqual([]);
  });
});
