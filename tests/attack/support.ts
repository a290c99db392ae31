// The attacker's tools: an HTTP client that keeps cookies like one browser (and lets you break them),
// sign-in through Auth.js's own routes, Server Actions posted by hand (the ids from the build's
// manifest — the same ids the pages embed), and the owner's connection to see what really changed.
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const DEMO_PASSWORD = "kaizen-demo";
export const ATTACK_BASE = process.env.ATTACK_BASE_URL ?? `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3100) + 2}`;
/** The attack server's limits (playwright.config.ts starts it with these). */
export const ATTACK_LIMITS = { SESSION_IDLE_TIMEOUT_SECONDS: 20, IMPERSONATION_IDLE_TIMEOUT_SECONDS: 10 };

type SetCookie = { name: string; value: string; attributes: string };

function parseSetCookie(header: string): SetCookie {
  const [pair, ...rest] = header.split(";");
  const eq = pair!.indexOf("=");
  return { name: pair!.slice(0, eq).trim(), value: pair!.slice(eq + 1).trim(), attributes: rest.join(";") };
}

/** One browser's worth of cookies, over plain HTTP requests. */
export class Client {
  readonly jar = new Map<string, string>();
  /** Every Set-Cookie seen, with its attributes (for the cookie-flag checks). */
  readonly setCookies: SetCookie[] = [];

  constructor(
    readonly base = ATTACK_BASE,
    readonly headers: Record<string, string> = {},
  ) {}

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** A request with this client's cookies; its Set-Cookies are kept (an expired one is dropped). */
  async request(pathname: string, init: RequestInit & { cookie?: string } = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...(init.headers as Record<string, string> | undefined) });
    const cookie = init.cookie ?? this.cookieHeader();
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(`${this.base}${pathname}`, { ...init, headers, redirect: "manual" });
    for (const raw of response.headers.getSetCookie()) {
      const c = parseSetCookie(raw);
      this.setCookies.push(c);
      if (c.value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(c.attributes)) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return response;
  }

  /** Signs in through Auth.js's callback route (CSRF and all); returns where it sent us. */
  async signIn(username: string, password = DEMO_PASSWORD, provider: "credentials" | "impersonation" = "credentials"): Promise<string> {
    const csrf = await this.request("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await this.request(`/api/auth/callback/${provider}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${this.base}/` }),
    });
    return response.headers.get("location") ?? `HTTP ${response.status}`;
  }

  /** Posts a Server Action as React does (multipart: `_1_<field>` and the `0` argument list). */
  async action(pagePath: string, name: string, fields: Record<string, string | string[]>): Promise<{ status: number; text: string; location: string | null }> {
    const body = new FormData();
    for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(`_1_${key}`, v);
    body.append("0", JSON.stringify([{}, "$K1"]));
    const response = await this.request(pagePath, { method: "POST", headers: { "next-action": actionId(name), accept: "text/x-component" }, body });
    return { status: response.status, text: await response.text(), location: response.headers.get("location") ?? response.headers.get("x-action-redirect") };
  }

  /** The page as this client sees it: 200 with its text, or where it was sent. */
  async page(pathname: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string; location: string | null }> {
    const response = await this.request(pathname, { headers });
    return { status: response.status, text: await response.text(), location: response.headers.get("location") };
  }
}

type Manifest = { node: Record<string, { exportedName?: string; filename?: string }> };
let manifest: Manifest | undefined;

/** A Server Action's id in this build, by its exported name. */
export function actionId(name: string): string {
  manifest ??= JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../.next/server/server-reference-manifest.json"), "utf8")) as Manifest;
  const found = Object.entries(manifest.node).filter(([, v]) => v.exportedName === name);
  if (found.length !== 1) throw new Error(`Server Action ${name}: ${found.length} in the manifest`);
  return found[0]![0];
}

/** A query as the database's owner (the attack server's database). */
export async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.ATTACK_DIRECT_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}

export async function idOf(username: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE username = $1`, [username]);
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
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
