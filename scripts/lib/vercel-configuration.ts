// On Vercel the build runs with the deployment's own environment, so a missing or malformed
// variable can fail the build, naming it, rather than every cold start once the deployment is live.
// The build command migrates first (vercel.json: db:deploy, then build), so db:deploy checks too:
// an incomplete configuration must stop the build before it changes production's database.
import { EnvError, loadEnv } from "@/lib/env";

/** Checks the production configuration in a Vercel build; prints what is wrong and exits 1 if it is incomplete. */
export function checkVercelConfiguration(label: string): void {
  try {
    loadEnv({ ...process.env, NODE_ENV: "production" });
    console.log(`[${label}] The production configuration is complete.`);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(
      `\n[${label}] ${error.message}\nSet them in the Vercel project's Environment Variables (for Production, and for Preview with a database of its own), then deploy again. See docs/configuration.md.\n`,
    );
    process.exit(1);
  }
}
