// No import circles (docs/architecture.md), type-only imports included: a type import runs no
// code, but it still ties one layer to the other. ESLint's import/no-cycle skips `import type`,
// so this check runs beside ESLint in `npm run lint` (and the lint stage of `npm test`); the
// other arrows are ESLint's (eslint.config.mjs, "boundaries/dependencies").
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Modules import one way: break the circle by moving what both need into a module below them.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Count imports that TypeScript erases (`import type`), not only those left in the output.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|\\.next|lib/generated|test-results|playwright-report|\\.data|\\.vercel)/" },
  },
};
