// The attacker's tools: an HTTP client that keeps cookies like one browser (and lets you break them),
// sign-in through Auth.js's own routes, Server Actions posted by hand (the ids from the build's
// manifest — the same ids the pages embed), raw requests from a chosen loopback address (the server
// counts clients by their connection), and the owner's connection to see what really changed.
import http from "node:http";
import type { Permission } from "@/lib/generated/prisma/enums";
import type { Authority } from "@/lib/permissions/policy";
import { actionId, Client as HttpClient, DEMO_PASSWORD } from "@/scripts/lib/http-client";
import { sqlAt, userIdOf } from "./sql";

export { DEMO_PASSWORD };
export const ATTACK_BASE = process.env.ATTACK_BASE_URL ?? `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 2}`;
/** The attack server's limits (playwright.config.ts starts it with these). */
export const ATTACK_LIMITS = { SESSION_IDLE_TIMEOUT_SECONDS: 20, IMPERSONATION_IDLE_TIMEOUT_SECONDS: 10 };

/** One browser's worth of cookies over plain HTTP (scripts/lib/http-client.ts), on the attack server by default. */
export class Client extends HttpClient {
  constructor(base = ATTACK_BASE, headers: Record<string, string> = {}) {
    super(base, headers);
  }
}

export { actionId };

/** A query as the database's owner (the attack server's database). */
export const sql = sqlAt(() => process.env.ATTACK_DIRECT_URL);

export const idOf = (username: string) => userIdOf(sql, username);

/** What a user holds now, read with the owner's connection (the policy's own input). */
export async function authority(username: string): Promise<Authority> {
  const [u] = await sql<{ id: string; organizationId: string; isInternal: boolean; active: boolean; path: string }>(
    `SELECT u.id, u."organizationId", u."isInternal", u.active, l.path FROM "User" u JOIN "Location" l ON l.id = u."locationId" WHERE u.username = $1`,
    [username],
  );
  const grants = await sql<{ permission: Permission; path: string | null }>(
    `SELECT g.permission, l.path FROM "PermissionGrant" g LEFT JOIN "Location" l ON l.id = g."locationId" WHERE g."userId" = $1`,
    [u!.id],
  );
  return { userId: u!.id, organizationId: u!.organizationId, homePath: u!.path, isInternal: u!.isInternal, active: u!.active, grants: grants.map((g) => ({ permission: g.permission, locationPath: g.path })) };
}

/** Signed in (a fresh client), or a clear failure. */
export async function signedIn(username: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client(ATTACK_BASE, headers);
  const location = await client.signIn(username);
  if (location.includes("error")) throw new Error(`${username} could not sign in: ${location}`);
  return client;
}

/** Confirms an impersonation and completes the re-login: a client signed in as `target`, run by `actor`. */
export async function impersonating(actor: string, target: string, reason = ""): Promise<Client> {
  const client = await signedIn(actor);
  const confirmed = await client.action("/people", "confirmImpersonationAction", { targetId: await idOf(target), reason });
  if (![...client.jar.keys()].some((k) => k.endsWith("impersonation-request"))) throw new Error(`confirmation refused: ${confirmed.text.slice(0, 300)}`);
  const location = await client.signIn(actor, DEMO_PASSWORD, "impersonation");
  if (location.includes("error")) throw new Error(`re-login failed: ${location}`);
  return client;
}

export const sessionCookie = (client: Client) => [...client.jar].find(([k]) => k.endsWith("authjs.session-token"));

export const LOOPBACK_ALIASES =
  "The attack tests connect from 127.0.0.2-254 to be several clients: Linux routes all of 127.0.0.0/8 to this machine; macOS has only 127.0.0.1 until aliased, once per boot: for i in $(seq 2 254); do sudo ifconfig lo0 alias 127.0.0.$i up; done";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One request on a fresh connection from `localAddress` (on Linux every address of 127.0.0.0/8 is
 * this machine's), so the server sees a client of that address: what fetch cannot choose. The specs
 * keep to 127.0.0.2-254, which macOS has only once aliased (LOOPBACK_ALIASES says how).
 */
export function rawRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string } = {}): Promise<RawResponse> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: init.method ?? "GET", headers: init.headers, localAddress: init.localAddress, agent: false },
      (response) => {
        let body = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    request.setTimeout(60_000, () => request.destroy(new Error(`${url}: no answer in 60 s`)));
    request.on("error", (error: NodeJS.ErrnoException) =>
      reject(error.code === "EADDRNOTAVAIL" && init.localAddress ? new Error(`${init.localAddress} is not an address of this machine. ${LOOPBACK_ALIASES}`) : error),
    );
    request.end(init.body);
  });
}

/**
 * A credentials sign-in through Auth.js's routes (CSRF and all) from `localAddress`, with any extra
 * headers (a forged X-Forwarded-For): "ok", or the refusal code Auth.js put in the redirect
 * ("credentials" for a wrong password, "throttled", "locked").
 */
export async function signInFrom(localAddress: string, username: string, password: string, headers: Record<string, string> = {}, base = ATTACK_BASE): Promise<string> {
  const csrf = await rawRequest(`${base}/api/auth/csrf`, { headers, localAddress });
  const cookie = (csrf.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const answer = await rawRequest(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    localAddress,
    headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${base}/` }).toString(),
  });
  const location = answer.headers.location;
  if (!location) return `HTTP ${answer.status}`;
  return location.includes("error") ? (new URL(location, base).searchParams.get("code") ?? "error") : "ok";
}
