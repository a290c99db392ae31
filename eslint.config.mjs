import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The architecture's arrows (docs/architecture.md), checked: an import that runs the wrong way
// fails the lint, and so `npm test`. Type-only imports are allowed where only values would leak.
const rule = "@typescript-eslint/no-restricted-imports";
const forbid = (group, message, allowTypeImports = false) => ({ group, message, allowTypeImports });

const ROUTES = forbid(["@/app", "@/app/**"], "Routes import from lib/ and components/, never the other way: put Server Actions in lib/<feature>/actions.ts.");
const TESTS = forbid(["@/tests", "@/tests/**"], "Nothing but tests imports from tests/.");
const DATABASE = (who) =>
  forbid(["@/lib/db", "@/lib/db/**", "@/lib/generated/prisma/client"], `${who} import no database client: use the request context (lib/context) and the named queries of lib/<feature>/queries.ts.`, true);

/** One boundary: files matching `files` may not import what `patterns` name. */
const boundary = (name, files, ...patterns) => ({ name: `boundaries/${name}`, files, rules: { [rule]: ["error", { patterns }] } });

const boundaries = [
  boundary(
    "lib",
    ["lib/**/*.{ts,tsx}"],
    ROUTES,
    TESTS,
    forbid(["@/components", "@/components/**"], "Domain code (lib/) imports no UI."),
    forbid(["@/scripts/**"], "lib/ does not import the scripts."),
  ),
  boundary(
    "components",
    ["components/**/*.{ts,tsx}"],
    ROUTES,
    TESTS,
    DATABASE("Components"),
    forbid(
      ["@/lib/context", "@/lib/context/**", "@/lib/mutation", "@/lib/*/queries", "@/lib/*/mutations", "@/auth"],
      "Components get their data as props and change things through Server Actions (lib/<feature>/actions.ts).",
      true,
    ),
  ),
  boundary(
    "routes",
    ["app/**/*.{ts,tsx}"],
    TESTS,
    DATABASE("Pages, layouts and route handlers"),
    forbid(["@/lib/mutation", "@/lib/*/mutations", "@/lib/permissions/authority"], "Routes read through lib/<feature>/queries.ts and change through Server Actions.", true),
  ),
  // The edge runtime: no database, no Node APIs. middleware.ts and auth.config.ts may import only
  // edge-safe code (lib/auth/edge/, lib/env.ts, lib/net/client-address.ts).
  boundary(
    "edge",
    ["middleware.ts", "auth.config.ts", "lib/auth/edge/**/*.ts", "lib/env.ts", "lib/net/client-address.ts"],
    {
      regex: "^@/(?!lib/auth/edge/|lib/env$|lib/net/client-address$|types/)",
      message: "Edge code imports only edge-safe modules (lib/auth/edge/, lib/env.ts, lib/net/client-address.ts): no database, no Node-only code.",
      allowTypeImports: true,
    },
    forbid(["node:*", "pg", "@prisma/*", "@node-rs/*", "server-only"], "The edge runtime has no Node APIs or database drivers."),
  ),
  boundary(
    "seed-and-scripts",
    ["prisma/**/*.ts", "scripts/**/*.{ts,mjs}"],
    ROUTES,
    TESTS,
    forbid(["@/components/**"], "Scripts and the seed import no UI."),
    forbid(
      ["@/lib/*/queries", "@/lib/*/mutations", "@/lib/*/actions", "@/lib/context", "@/lib/context/**", "@/auth"],
      "The seed and the scripts write rows and history directly (lib/mutation's transact); they import no feature code.",
    ),
  ),
  boundary("emails", ["emails/**/*.tsx"], ROUTES, TESTS, forbid(["@/lib/**", "@/components/**"], "Email templates take everything as props.")),
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".data/**"]),
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  ...boundaries,
]);
