// Before `npm run build` (npm's prebuild), on Vercel: the deployment's configuration is checked in
// the build (scripts/lib/vercel-configuration.ts). Elsewhere (a laptop building for `npm run demo`,
// the Dockerfile's build stage, the test suite) the build never sees the server's configuration:
// `npm start` checks it at start.
import { loadProjectEnv } from "./lib/load-env";
import { checkVercelConfiguration } from "./lib/vercel-configuration";

if (process.env.VERCEL) {
  loadProjectEnv(false);
  checkVercelConfiguration("build");
}
