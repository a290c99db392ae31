// npm start: the production server — the standalone build (.next/standalone), in plain Node: it
// needs no dev dependency, no TypeScript runner, not even the project's node_modules. It starts
// nothing else: no embedded database, no migrations (`npm run db:deploy` is the deploy step), no
// seed (`npm run demo` runs the demo). A missing variable stops it with the variable's name.
//
// On SIGTERM (or Ctrl-C) it stops taking requests, finishes those in flight, lets the app finish
// its work (an email being sent completes; claimed ones are released for another instance), then
// exits — a rolling deploy loses nothing.
import { existsSync } from "node:fs";
import http from "node:http";
import { isIP } from "node:net";
import { createRequire } from "node:module";
import path from "node:path";

// In the project: scripts/start.mjs beside .next/standalone. In a deployed copy of the standalone
// folder (the Docker image): start.mjs beside server.js.
const root = path.resolve(import.meta.dirname, "..");
const here = import.meta.dirname;
const require = createRequire(import.meta.url);
const fail = (message) => {
  console.error(`\n[kaizen] ${message}\n`);
  process.exit(1);
};

// .env files, the way Next reads them (the environment itself wins).
try {
  require("@next/env").loadEnvConfig(existsSync(path.join(here, "server.js")) ? here : root, false, { info: () => {}, error: console.error });
} catch {
  // @next/env is not installed (the standalone folder alone): the environment is all there is.
}
// An empty value (`NAME=`, as in a copied .env.example) means unset, as lib/env.ts takes it.
for (const [name, value] of Object.entries(process.env)) if (!value?.trim()) delete process.env[name];
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED ??= "1";
// Bind address: Docker and some shells set HOSTNAME to the machine's name; the server listens on all
// interfaces unless BIND_ADDRESS says otherwise.
// (Checked here, before Next listens, with the rules of lib/env.ts, which this plain script cannot import.)
const bindAddress = process.env.BIND_ADDRESS?.trim() || "0.0.0.0";
if (!isIP(bindAddress) && bindAddress !== "localhost") {
  fail(`BIND_ADDRESS must be an IP address to listen on: 0.0.0.0 (every interface), 127.0.0.1 (this machine only), :: (IPv6); not "${bindAddress}".`);
}
process.env.HOSTNAME = bindAddress;
process.env.PORT = process.env.PORT?.trim() || "3000";
if (!/^\d+$/.test(process.env.PORT) || Number(process.env.PORT) < 1 || Number(process.env.PORT) > 65_535) fail(`PORT must be a port number, not "${process.env.PORT}".`);
const shutdownSeconds = process.env.SHUTDOWN_TIMEOUT_SECONDS?.trim() || "25";
if (!/^\d+$/.test(shutdownSeconds) || Number(shutdownSeconds) > 3600) fail(`SHUTDOWN_TIMEOUT_SECONDS must be a whole number of seconds from 0 to 3600, not "${shutdownSeconds}".`);

const server = [path.join(here, "server.js"), path.join(root, ".next", "standalone", "server.js")].find((p) => existsSync(p));
if (!server) fail("There is no production build yet: run `npm run build` first, then `npm start`.");
if (!process.env.DATABASE_URL) {
  fail(
    "DATABASE_URL is required: the postgresql:// connection string of your database. `npm start` starts no database of its own " +
      "(for the demo on an embedded one: `npm run demo`). See docs/deploying.md.",
  );
}

// Graceful shutdown, ours rather than Next's (which exits as soon as its server has closed).
process.env.NEXT_MANUAL_SIG_HANDLE = "true";
const servers = [];
const listen = http.Server.prototype.listen;
http.Server.prototype.listen = function (...args) {
  servers.push(this);
  return listen.apply(this, args);
};
const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());
let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  const limit = Number(shutdownSeconds) * 1000;
  console.log(`[kaizen] ${signal}: taking no new requests, finishing the ones in flight ...`);
  // The app (instrumentation.ts) starts no new background work; what runs finishes its current step.
  const app = globalThis[Symbol.for("kaizen.lifecycle")];
  const background = app?.stopBackgroundWork?.() ?? Promise.resolve();
  await Promise.race([Promise.all(servers.map((s) => new Promise((resolve) => s.close(() => resolve())))), wait(limit)]);
  await Promise.race([background, wait(limit)]);
  await Promise.race([app?.close?.() ?? Promise.resolve(), wait(2_000)]);
  console.log("[kaizen] Stopped.");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

require(server);
