// Before `npm run build` (npm's prebuild), on Vercel: there the build runs with the deployment's own
// environment, so a missing or malformed variable fails the build, naming it, rather than every
// cold start once the deployment is live. Elsewhere (a laptop building for `npm run demo`, the
// Dockerfile's build stage, the test suite) the build never sees the server's configuration:
// `npm start` checks it at start.
import { EnvError, loadEnv } from "@/lib/env";
import { loadProjectEnv } from "./lib/load-env";

if (process.env.VERCEL) {
  loadProjectEnv(false);
  try {
    loadEnv({ ...process.env, NODE_ENV: "production" });
    console.log("[build] The production configuration is complete.");
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(
      `\n[build] ${error.message}\nSet them in the Vercel project's Environment Variables (for Production and Preview), then deploy again. See README.md, "Configuration".\n`,
    );
    process.exit(1);
  }
}
