// Vercel builds every push: production for the production branch, a preview for every other branch
// and pull request, development for `vercel dev`/`vercel build` on a laptop. A preview's variables
// name production's database unless the deployer gave previews their own, and a pull request's
// migration applied there breaks every later build of main (its history knows a migration main does
// not). So only production migrates; the others check and say what they found.
import { ownerUrlGiven } from "./database";
import { migrationState } from "./deploy";

export type VercelEnvironment = "production" | "preview" | "development";

/** The Vercel environment being built, or undefined off Vercel. Unset or unknown counts as a preview: never production by accident. */
export function vercelEnvironment(env: NodeJS.ProcessEnv = process.env): VercelEnvironment | undefined {
  if (!env.VERCEL?.trim()) return undefined;
  const name = env.VERCEL_ENV?.trim();
  return name === "production" || name === "development" ? name : "preview";
}

export const PREVIEW_DATABASE_ADVICE =
  "To give previews their own database: a Neon branch per preview (Vercel → Storage → Neon, preview branching on), or set DATABASE_URL and DIRECT_URL for the Preview environment to a separate database; then migrate it with `npm run db:deploy` run against that database.";

/** A preview or development build: reports the database's migration state without changing it. Never fails the build. */
export async function checkVercelPreview(environment: VercelEnvironment, log: (line: string) => void): Promise<void> {
  log(`Vercel ${environment} build: no migration is applied (only the production deployment migrates, so a preview cannot change a shared database).`);
  const url = ownerUrlGiven();
  if (!url) {
    log(`No database URL is set for this ${environment} (DIRECT_URL, DATABASE_URL_UNPOOLED, DATABASE_URL): nothing to check, and the deployment will not be ready until it has one.`);
  } else {
    try {
      const state = await migrationState(url);
      log(`Applied on this database: ${state.applied.length}.`);
      log(`Pending on this database (${state.pending.length}): ${state.pending.join(", ") || "none"}${state.pending.length ? " — this deployment reports not ready (/api/ready) until they are applied." : ""}`);
      for (const problem of state.problems) log(`Problem: ${problem}`);
    } catch (error) {
      log(`Could not read the database's migrations: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  log(PREVIEW_DATABASE_ADVICE);
}
