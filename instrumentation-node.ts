// The Node server's start-up, which instrumentation.ts imports only when NEXT_RUNTIME is "nodejs":
// kept out of that file because Next also compiles it for the Edge runtime, where `process.exit`
// and the rest would be reported on every compile even though that copy never runs them.
// A missing or malformed environment variable stops the server here, with the variable's name,
// instead of failing on some later request. On a long-running Node server it also stamps every
// request with the client's address (lib/net/stamp.ts; on Vercel, Vercel's edge writes it), starts
// the scheduler's timer (lib/jobs/scheduler.ts: ending what is over, the email outbox) shortly after
// start and every minute after that (on Vercel, the cron route does, and requests that see something
// due ask for a catch-up), and registers the shutdown the start script (scripts/start.mjs) calls on
// SIGTERM: no new background work, the email being sent finishes, claimed ones are released, the
// pool closes.
export async function startNodeServer() {
  const { loadEnv, EnvError, unsetEmptyVariables } = await import("@/lib/env");
  // `NAME=` in a copied .env.example is unset, for Auth.js and Next.js as for our own schema.
  unsetEmptyVariables();
  try {
    loadEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(`\n${error.message}\nSee docs/configuration.md.\n`);
      process.exit(1);
    }
    throw error;
  }
  if (process.env.VERCEL) return;
  // The client's address, from the connection and TRUSTED_PROXIES, on every request from now on.
  const { stampClientAddresses } = await import("@/lib/net/stamp");
  const { describeTrust } = await import("@/lib/net/client-address");
  stampClientAddresses(process.env.TRUSTED_PROXIES);
  console.log(`[kaizen] Client address for the sign-in throttle: ${describeTrust(process.env.TRUSTED_PROXIES)}`);
  const { startScheduler, stopBackgroundWork } = await import("@/lib/jobs/scheduler");
  const { db } = await import("@/lib/db");
  startScheduler();
  (globalThis as Record<symbol, unknown>)[Symbol.for("kaizen.lifecycle")] = {
    /** SIGTERM: no new background work; running drains finish their message and release the rest. */
    stopBackgroundWork,
    /** After the last request: close the database pool. */
    close: () => db.$disconnect(),
  };
}
