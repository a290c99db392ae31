// npm test: everything, in order of speed — types, lint (eslint, then import circles), unit and
// integration tests (real PostgreSQL), a real `vercel build`, the end-to-end tests in Chromium against the production
// build, then a smoke run of the benchmark (tiny sizes, on that build: the script must keep
// working; its figures are never judged here). Stops at the first failing stage and prints how
// long each took, then one closing count line.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./lib/migrations";

type Stage = { name: string; command: string[]; resultsFile?: string; results?: () => { passed: number; failed: number; skipped: number } };

const bin = (pkg: string, file: string) => path.join(projectRoot, "node_modules", pkg, file);
const vitestJson = path.join(projectRoot, "test-results", "vitest-results.json");
const e2eJson = path.join(projectRoot, "test-results", "e2e-results.json");
const vercelJson = path.join(projectRoot, "test-results", "vercel-results.json");
const vitestResults = (file: string) => () => {
  const r = JSON.parse(readFileSync(file, "utf8"));
  return { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
};

const stages: Stage[] = [
  { name: "route types (next typegen)", command: [bin("next", "dist/bin/next"), "typegen"] },
  { name: "type-check (tsc)", command: [bin("typescript", "bin/tsc"), "--noEmit"] },
  { name: "lint (eslint)", command: [bin("eslint", "bin/eslint.js"), "--max-warnings=0", "."] },
  // The second half of `npm run lint`: no import circles, type-only imports counted.
  {
    name: "import circles (dependency-cruiser)",
    command: [bin("dependency-cruiser", "bin/dependency-cruise.mjs"), "--config", ".dependency-cruiser.cjs", "--output-type", "err", "."],
  },
  {
    name: "unit + integration (vitest)",
    command: [bin("vitest", "vitest.mjs"), "run", "--project", "unit", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
    resultsFile: vitestJson,
    results: vitestResults(vitestJson),
  },
  // A real `vercel build` (npm run test:vercel); before the end-to-end stage, which rebuilds the
  // standalone server that a Vercel build leaves out of .next.
  {
    name: "Vercel build (vercel build, npm run test:vercel)",
    command: [bin("vitest", "vitest.mjs"), "run", "--project", "vercel", "--reporter=default", "--reporter=json", `--outputFile.json=${vercelJson}`],
    resultsFile: vercelJson,
    results: vitestResults(vercelJson),
  },
  {
    name: "end-to-end (playwright, production build)",
    command: [bin("tsx", "dist/cli.mjs"), path.join(projectRoot, "scripts", "e2e.ts")],
    resultsFile: e2eJson,
    results: () => {
      const r = JSON.parse(readFileSync(e2eJson, "utf8")).stats;
      return { passed: r.expected, failed: r.unexpected + r.flaky, skipped: r.skipped };
    },
  },
  { name: "benchmark smoke run (bench --smoke)", command: [bin("tsx", "dist/cli.mjs"), path.join(projectRoot, "scripts", "bench.ts"), "--smoke"] },
];

function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: projectRoot,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const timings: string[] = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;
const started = Date.now();
for (const stage of stages) {
  console.log(`\n━━ ${stage.name} ━━`);
  const t0 = Date.now();
  const code = await run(stage.command);
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  let counts = "";
  if (stage.results && stage.resultsFile) {
    if (existsSync(stage.resultsFile)) {
      try {
        const r = stage.results();
        totals.passed += r.passed;
        totals.failed += r.failed;
        totals.skipped += r.skipped;
        counts = ` (${r.passed} passed, ${r.failed} failed)`;
      } catch {
        counts = " (no results file)";
      }
    }
  }
  timings.push(`  ${code === 0 ? "ok  " : "FAIL"} ${stage.name.padEnd(44)} ${seconds.padStart(6)} s${counts}`);
  if (code !== 0) {
    exitCode = code;
    if (totals.failed === 0) totals.failed = 1;
    break;
  }
}

console.log(`\n━━ summary (${((Date.now() - started) / 1000).toFixed(0)} s) ━━\n${timings.join("\n")}\n`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
