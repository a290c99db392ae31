// The architecture's arrows are checked by the lint (eslint.config.mjs, "boundaries/…"): each
// import below runs the wrong way and must fail it; the same import where it belongs must pass.
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: path.resolve(import.meta.dirname, "../..") });

async function restrictions(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const probe = used;\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId === "@typescript-eslint/no-restricted-imports").map((m) => m.message);
}

// (The first lint loads the TypeScript parser and the config: seconds on a busy machine.)
describe("import boundaries", { timeout: 30_000 }, () => {
  it.each([
    ["a component importing a route's file", "components/items/probe.tsx", `import { used } from "@/app/(app)/items/page";`, /Routes import from lib\//],
    ["a component importing the database", "components/items/probe.tsx", `import { db as used } from "@/lib/db";`, /import no database client/],
    ["a component calling a query", "components/items/probe.tsx", `import { findItems as used } from "@/lib/items/queries";`, /get their data as props/],
    ["domain code importing UI", "lib/boards/probe.ts", `import { cn as used } from "@/components/ui/cn";`, /Domain code \(lib\/\) imports no UI/],
    ["edge code importing the database", "lib/auth/edge/probe.ts", `import { db as used } from "@/lib/db";`, /Edge code imports only edge-safe modules/],
    ["the middleware importing Node-only auth code", "middleware.ts", `import { verifyCredentials as used } from "@/lib/auth/credentials";`, /Edge code imports only edge-safe/],
    ["edge code importing a Node API", "lib/auth/edge/probe.ts", `import { createHash as used } from "node:crypto";`, /no Node APIs/],
    ["the edge-safe client-address logic importing a Node API", "lib/net/client-address.ts", `import { isIP as used } from "node:net";`, /no Node APIs/],
    ["a page importing the database", "app/(app)/probe/page.tsx", `import { db as used } from "@/lib/db";`, /import no database client/],
    ["a page writing directly", "app/(app)/probe/page.tsx", `import { createItem as used } from "@/lib/items/mutations";`, /change through Server Actions/],
    ["the seed importing feature code", "prisma/probe.ts", `import { createItem as used } from "@/lib/items/mutations";`, /import no feature code/],
    ["a script importing tests", "scripts/probe.ts", `import { contextFor as used } from "@/tests/support/context";`, /Nothing but tests imports from tests\//],
  ])("refuses %s", async (_what, file, code, message) => {
    const found = await restrictions(file, code);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(message);
  });

  it.each([
    ["a component importing a Server Action", "components/items/probe.tsx", `import { createItemAction as used } from "@/lib/items/actions";`],
    ["a component importing a query's row type", "components/items/probe.tsx", `import type { ItemRow as used } from "@/lib/items/queries";`],
    ["edge code importing edge-safe code", "middleware.ts", `import { decideAccess as used } from "@/lib/auth/edge/access";`],
    ["the environment's schema importing the client-address logic", "lib/env.ts", `import { parseTrustedProxies as used } from "@/lib/net/client-address";`],
    ["a page reading through the context", "app/(app)/probe/page.tsx", `import { requireContext as used } from "@/lib/context";`],
    ["the seed writing history through the one door", "prisma/probe.ts", `import { transact as used } from "@/lib/mutation";`],
  ])("allows %s", async (_what, file, code) => {
    expect(await restrictions(file, code)).toEqual([]);
  });
});
