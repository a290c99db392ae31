// Runs once when the server starts: the Node server's start-up (instrumentation-node.ts: the
// environment check, the client's address, the scheduler, the shutdown on SIGTERM). Next compiles
// this file for the Edge runtime too; the import sits inside the NEXT_RUNTIME test, which Next
// replaces with a constant, so the Edge copy drops it and nothing Node-only is compiled for the Edge
// (an early `return` instead would leave the rest in, and `next dev` would warn on every compile).
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startNodeServer } = await import("./instrumentation-node");
    await startNodeServer();
  }
}
