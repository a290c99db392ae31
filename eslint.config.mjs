import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import boundaries from "eslint-plugin-boundaries";

// The architecture's arrows (docs/architecture.md), checked on resolved paths: every import,
// `@/…` or relative, is resolved to its file (the TypeScript resolver reads tsconfig's paths) and
// judged by the categories of the file it comes from and the file it reaches. An arrow that runs
// the wrong way fails the lint, and so `npm test`. `kind: "value"` marks the arrows that only
// values may not cross: a type import leaks no code. Import circles are checked beside it by
// dependency-cruiser (.dependency-cruiser.cjs), which counts type-only imports.

/** Categories of files, by path from the project root; a file gets every category it matches. */
const categories = {
  route: ["app/**"],
  test: ["tests/**"],
  component: ["components/**"],
  script: ["scripts/**"],
  seed: ["prisma/**"],
  email: ["emails/**"],
  lib: ["lib/**"],
  database: ["lib/db/**", "lib/generated/prisma/client.ts"],
  context: ["lib/context/**"],
  "mutation-pipeline": ["lib/mutation.ts"],
  queries: ["lib/*/queries.ts", "lib/*/queries/**"],
  mutations: ["lib/*/mutations.ts", "lib/*/mutations/**"],
  actions: ["lib/*/actions.ts", "lib/*/actions/**"],
  authority: ["lib/permissions/authority.ts"],
  auth: ["auth.ts"],
  // The edge runtime: no database, no Node APIs. These files run there…
  edge: ["middleware.ts", "auth.config.ts", "lib/auth/edge/**", "lib/env.ts", "lib/net/client-address.ts"],
  // …and may import only these.
  "edge-safe": ["lib/auth/edge/**", "lib/env.ts", "lib/net/client-address.ts", "types/**"],
};
// Each suite of tests/ has a category of its own: what suites share lives in tests/support/.
const SUITES = ["unit", "integration", "e2e", "attack", "deploy"];
for (const suite of SUITES) categories[`suite:${suite}`] = [`tests/${suite}/**`];

const files = (...names) => ({ file: { categories: { anyOf: names } } });
const value = { kind: "value" };

/** Files in `from` may not import files in `to` (of `dependency`'s kind, if given). */
const forbid = (from, to, message, dependency) => ({
  from: files(...from),
  disallow: { to: files(...to), ...(dependency && { dependency }) },
  message,
});

const ROUTES = "Routes import from lib/ and components/, never the other way: put Server Actions in lib/<feature>/actions.ts.";
const TESTS = "Nothing but tests imports from tests/.";
const DATABASE = (who) => `${who} import no database client: use the request context (lib/context) and the named queries of lib/<feature>/queries.ts.`;
const EDGE = "Edge code imports only edge-safe modules (lib/auth/edge/, lib/env.ts, lib/net/client-address.ts): no database, no Node-only code.";

// The last policy that matches an import decides, so each "allow" follows the "disallow" it narrows.
const policies = [
  forbid(["lib", "component", "route", "script", "seed", "email"], ["test"], TESTS),
  forbid(["lib", "component", "script", "seed", "email"], ["route"], ROUTES),
  forbid(["lib"], ["component"], "Domain code (lib/) imports no UI."),
  forbid(["lib"], ["script"], "lib/ does not import the scripts."),
  forbid(["component"], ["database"], DATABASE("Components"), value),
  forbid(
    ["component"],
    ["context", "mutation-pipeline", "queries", "mutations", "auth"],
    "Components get their data as props and change things through Server Actions (lib/<feature>/actions.ts).",
    value,
  ),
  forbid(["route"], ["database"], DATABASE("Pages, layouts and route handlers"), value),
  forbid(["route"], ["mutation-pipeline", "mutations", "authority"], "Routes read through lib/<feature>/queries.ts and change through Server Actions.", value),
  forbid(["script", "seed"], ["component"], "Scripts and the seed import no UI."),
  forbid(
    ["script", "seed"],
    ["queries", "mutations", "actions", "context", "auth"],
    "The seed and the scripts write rows and history directly (lib/mutation's transact); they import no feature code.",
  ),
  forbid(["email"], ["lib", "component"], "Email templates take everything as props."),
  ...SUITES.map((suite) =>
    forbid(
      [`suite:${suite}`],
      SUITES.filter((other) => other !== suite).map((other) => `suite:${other}`),
      "A suite of tests imports helpers from its own folder or tests/support/, never from another suite's folder.",
    ),
  ),
  { from: files("edge"), disallow: { to: { module: { origin: "local" } }, dependency: value }, message: EDGE },
  { from: files("edge"), allow: { to: files("edge-safe") } },
  {
    from: files("edge"),
    disallow: { to: { module: { origin: "core" } } },
    message: "The edge runtime has no Node APIs or database drivers.",
  },
  {
    from: files("edge"),
    disallow: { to: { module: { source: ["pg", "@prisma/*", "@node-rs/*", "server-only"] } } },
    message: "The edge runtime has no Node APIs or database drivers.",
  },
];

const boundaryRules = {
  name: "boundaries",
  files: ["**/*.{ts,tsx,mjs}"],
  plugins: { boundaries },
  settings: {
    "import/resolver": { typescript: { project: "tsconfig.json", alwaysTryTypes: true } },
    "boundaries/files": Object.entries(categories).map(([category, pattern]) => ({ category, pattern })),
  },
  rules: {
    // checkAllOrigins: judge packages and Node's modules too (the edge's); checkUnknownLocals:
    // judge imports of files in no category (config/, root files), which the edge may not import.
    "boundaries/dependencies": ["error", { default: "allow", checkAllOrigins: true, checkUnknownLocals: true, policies }],
  },
};

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".data/**", ".vercel/**"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  boundaryRules,
]);
