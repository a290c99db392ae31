// The architecture's arrows are checked by the lint: eslint.config.mjs ("boundaries/dependencies")
// resolves every import to its file, so an `@/…` import and a relative one are judged alike; each
// import below runs the wrong way and must fail it, the same import where it belongs must pass.
// .dependency-cruiser.cjs refuses import circles, type-only imports included.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { cruise, type ICruiseResult } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import { ESLint } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function restrictions(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = used;\n`, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === "boundaries/dependencies").map((m) => m.message);
}

// (The first lint loads the TypeScript parser, the resolver and the config: seconds on a busy machine.)
describe("import boundaries", { timeout: 30_000 }, () => {
  it.each([
    ["a component importing a route's file", "components/items/probe.tsx", `import { used } from "@/app/(app)/items/page";`, /Routes import from lib\//],
    ["a component importing a route's file by a relative path", "components/items/probe.tsx", `import { used } from "../../app/(app)/items/page";`, /Routes import from lib\//],
    ["domain code importing a route's file", "lib/items/probe.ts", `import { used } from "@/app/(app)/items/page";`, /Routes import from lib\//],
    ["a component importing the database", "components/items/probe.tsx", `import { db as used } from "@/lib/db";`, /Components import no database client/],
    ["a component importing the database by a relative path", "components/items/probe.tsx", `import { db as used } from "../../lib/db";`, /Components import no database client/],
    ["a component calling a query", "components/items/probe.tsx", `import { findItems as used } from "@/lib/items/queries";`, /get their data as props/],
    ["domain code importing UI", "lib/boards/probe.ts", `import { cn as used } from "@/components/ui/cn";`, /Domain code \(lib\/\) imports no UI/],
    ["domain code importing UI by a relative path", "lib/boards/probe.ts", `import { cn as used } from "../../components/ui/cn";`, /Domain code \(lib\/\) imports no UI/],
    ["domain code importing a script", "lib/boards/probe.ts", `import { projectRoot as used } from "@/scripts/lib/migrations";`, /lib\/ does not import the scripts/],
    ["edge code importing the database", "lib/auth/edge/probe.ts", `import { db as used } from "@/lib/db";`, /Edge code imports only edge-safe modules/],
    ["edge code importing the database by a relative path", "lib/auth/edge/probe.ts", `import { db as used } from "../../db";`, /Edge code imports only edge-safe modules/],
    ["the middleware importing Node-only auth code", "middleware.ts", `import { verifyCredentials as used } from "@/lib/auth/credentials";`, /Edge code imports only edge-safe/],
    ["the middleware importing a file that belongs to no folder's rule", "middleware.ts", `import { mainNav as used } from "./config/site";`, /Edge code imports only edge-safe/],
    ["edge code importing a Node API", "lib/auth/edge/probe.ts", `import { createHash as used } from "node:crypto";`, /no Node APIs/],
    ["edge code importing a database driver", "lib/auth/edge/probe.ts", `import { Pool as used } from "pg";`, /no Node APIs or database drivers/],
    ["the edge-safe client-address logic importing a Node API", "lib/net/client-address.ts", `import { isIP as used } from "node:net";`, /no Node APIs/],
    ["a page importing the database", "app/(app)/probe/page.tsx", `import { db as used } from "@/lib/db";`, /Pages, layouts and route handlers import no database client/],
    ["a page importing the database by a relative path", "app/(app)/probe/page.tsx", `import { db as used } from "../../../lib/db";`, /Pages, layouts and route handlers import no database client/],
    ["a page writing directly", "app/(app)/probe/page.tsx", `import { createItem as used } from "@/lib/items/mutations";`, /change through Server Actions/],
    ["the seed importing feature code", "prisma/probe.ts", `import { createItem as used } from "@/lib/items/mutations";`, /import no feature code/],
    ["a script importing UI", "scripts/probe.ts", `import { cn as used } from "@/components/ui/cn";`, /Scripts and the seed import no UI/],
    ["a script importing tests", "scripts/probe.ts", `import { contextFor as used } from "@/tests/support/context";`, /Nothing but tests imports from tests\//],
    ["a script importing tests by a relative path", "scripts/probe.ts", `import { contextFor as used } from "../tests/support/context";`, /Nothing but tests imports from tests\//],
    ["an attack spec importing another suite's helper", "tests/attack/probe.spec.ts", `import { readDockerfile as used } from "../deploy/dockerfile";`, /never from another suite's folder/],
    ["an email template importing domain code", "emails/probe.tsx", `import { env as used } from "@/lib/env";`, /Email templates take everything as props/],
  ])("refuses %s", async (_what, file, code, message) => {
    const found = await restrictions(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each([
    ["a component importing a Server Action", "components/items/probe.tsx", `import { createItemAction as used } from "@/lib/items/actions";`],
    ["a component importing a query's row type", "components/items/probe.tsx", `import type { ItemRow as used } from "@/lib/items/queries";`],
    ["a component importing a query's row type by a relative path", "components/items/probe.tsx", `import type { ItemRow as used } from "../../lib/items/queries";`],
    ["edge code importing edge-safe code", "middleware.ts", `import { decideAccess as used } from "@/lib/auth/edge/access";`],
    ["the environment's schema importing the client-address logic", "lib/env.ts", `import { parseTrustedProxies as used } from "@/lib/net/client-address";`],
    ["a page reading through the context", "app/(app)/probe/page.tsx", `import { requireContext as used } from "@/lib/context";`],
    ["the seed writing history through the one door", "prisma/probe.ts", `import { transact as used } from "@/lib/mutation";`],
    ["a test importing anything", "tests/unit/probe.test.ts", `import { db as used } from "@/lib/db";`],
    ["a spec importing the shared helpers", "tests/attack/probe.spec.ts", `import { fillSignIn as used } from "../support/e2e";`],
    ["a spec importing a helper of its own suite", "tests/deploy/probe.spec.ts", `import { readDockerfile as used } from "./dockerfile";`],
  ])("allows %s", async (_what, file, code) => {
    expect(await restrictions(file, code)).toEqual([]);
  });
});


describe("no import circles", { timeout: 60_000 }, () => {
  let fixture: string;
  beforeAll(async () => {
    fixture = await mkdtemp(path.join(os.tmpdir(), "import-circle-"));
    // Two modules that need each other only for types: nothing circles at run time, the layers do.
    await writeFile(path.join(fixture, "a.ts"), `import type { B } from "./b";\nexport type A = { b?: B };\n`);
    await writeFile(path.join(fixture, "b.ts"), `import type { A } from "./a";\nexport type B = { a?: A };\n`);
    // The same pair with one arrow only.
    await writeFile(path.join(fixture, "c.ts"), `import type { D } from "./d";\nexport type C = { d?: D };\n`);
    await writeFile(path.join(fixture, "d.ts"), `export type D = { id: string };\n`);
  });
  afterAll(() => rm(fixture, { recursive: true, force: true }));

  /** Cruises `files` with the project's own rules (.dependency-cruiser.cjs); returns the circles found. */
  async function circles(...files: string[]): Promise<string[][]> {
    const options = await extractDepcruiseOptions(path.join(root, ".dependency-cruiser.cjs"));
    const { output } = await cruise(
      files.map((file) => path.join(fixture, file)),
      { ...options, validate: true },
    );
    const result = output as ICruiseResult;
    return result.summary.violations.filter((v) => v.rule.name === "no-circular").map((v) => (v.cycle ?? []).map((step) => path.basename(step.name)));
  }

  it("refuses two modules that import each other's types", async () => {
    const found = await circles("a.ts", "b.ts");
    expect(found.length).toBeGreaterThan(0);
    expect(found.flat()).toEqual(expect.arrayContaining(["a.ts", "b.ts"]));
  });

  it("allows a type import that runs one way", async () => {
    expect(await circles("c.ts", "d.ts")).toEqual([]);
  });
});
