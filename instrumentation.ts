// Runs once when the server starts. A missing or malformed environment variable stops it here,
// with the variable's name, instead of failing on some later request. On a long-running Node server
// it also runs the scheduled jobs (impersonation sweep, email outbox) shortly after start and every
// minute after that (on Vercel, the cron route in vercel.json does).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { loadEnv, EnvError } = await import("@/lib/env");
  try {
    loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n${error.message}\nSee README.md, "Configuration".\n`);
      process.exit(1);
    }
    throw error;
  }
  if (process.env.VERCEL) return;
  const { runScheduledJobsNow } = await import("@/lib/jobs/run-now");
  const run = () => runScheduledJobsNow().catch((error: unknown) => console.error("[scheduled jobs]", error));
  setTimeout(run, 5_000).unref();
  setInterval(run, 60_000).unref();
}
