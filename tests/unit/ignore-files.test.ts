// What leaves a working copy: `docker build` sends the context minus .dockerignore, `vercel deploy`
// uploads the folder minus .vercelignore. Neither may carry a secret or the embedded database.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ignore from "ignore";
import { describe, expect, it } from "vitest";
import { LOCAL_SECRET_FILE } from "@/scripts/lib/local-secret";
import { projectRoot } from "@/scripts/lib/migrations";

const fromRoot = (file: string) => path.relative(projectRoot, file).split(path.sep).join("/");

const MUST_STAY = [
  ".env",
  ".env.local",
  ".env.production",
  ".env.production.local",
  ".env.development",
  fromRoot(LOCAL_SECRET_FILE),
  // The embedded PostgreSQL's cluster (scripts/lib/embedded-postgres.ts: defaultDataDir).
  ".data/postgres/PG_VERSION",
  ".data/postgres/base/1/1259",
];
const MUST_GO = [".env.example", "package.json", "app/layout.tsx", "prisma/migrations/migration_lock.toml"];

// Both files are gitignore-style at the project's root (Docker's differs only below the root).
describe.each([".dockerignore", ".vercelignore"])("%s", (file) => {
  const rules = () => ignore().add(readFileSync(path.join(projectRoot, file), "utf8"));

  it("exists", () => {
    expect(existsSync(path.join(projectRoot, file))).toBe(true);
  });

  it.each(MUST_STAY)("keeps %s out", (name) => {
    expect(rules().ignores(name)).toBe(true);
  });

  it.each(MUST_GO)("sends %s", (name) => {
    expect(rules().ignores(name)).toBe(false);
  });
});
