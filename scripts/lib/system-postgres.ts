// A PostgreSQL the app did not start: the operating system's own (Debian's `postgresql` package),
// for the deploy tests — a cluster of its own in a temporary folder on a loopback port, with real
// password authentication, as a separately managed server would be. Installed with apt-get when it
// is missing and we may (root on Debian), like the browser.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** The newest installed PostgreSQL's bin folder, or null. */
export function findSystemPostgres(): string | null {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(path.join(base, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], "bin") : null;
}

export function ensureSystemPostgres(log: (line: string) => void = console.log): string {
  const found = findSystemPostgres();
  if (found) return found;
  if (isRoot && existsSync("/etc/debian_version")) {
    log("No system PostgreSQL: installing Debian's postgresql package (apt-get) ...");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
    execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "postgresql"], { stdio: "inherit", env });
    const installed = findSystemPostgres();
    if (installed) return installed;
  }
  throw new Error("The deploy tests need a PostgreSQL server installed on this machine (Debian: apt-get install postgresql).");
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
  const bin = ensureSystemPostgres();
  await mkdir("/var/tmp", { recursive: true });
  const dir = await mkdtemp("/var/tmp/kaizen-system-pg-");
  await chmod(dir, 0o755);
  const data = path.join(dir, "data");
  const pwfile = path.join(dir, "pw");
  await writeFile(pwfile, `${SUPERUSER.password}\n`, { mode: 0o644 });
  if (isRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    await chown(dir, uid, gid);
  }
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
