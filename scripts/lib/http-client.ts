// One browser's worth of cookies over plain HTTP: signing in through Auth.js's own routes (CSRF and
// all), Server Actions posted as React posts them (their ids from the build's manifest, the same the
// pages embed), pages read as a browser would. The attack suite and the benchmark both drive the
// production build with it.
import { readFileSync } from "node:fs";
import path from "node:path";

export const DEMO_PASSWORD = "kaizen-demo";
const projectRoot = path.resolve(import.meta.dirname, "../..");

export type SetCookie = { name: string; value: string; attributes: string };

function parseSetCookie(header: string): SetCookie {
  const [pair, ...rest] = header.split(";");
  const eq = pair!.indexOf("=");
  return { name: pair!.slice(0, eq).trim(), value: pair!.slice(eq + 1).trim(), attributes: rest.join(";") };
}

export class Client {
  readonly jar = new Map<string, string>();
  /** Every Set-Cookie seen, with its attributes (for the cookie-flag checks). */
  readonly setCookies: SetCookie[] = [];

  constructor(
    readonly base: string,
    readonly headers: Record<string, string> = {},
  ) {}

  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** A request with this client's cookies; its Set-Cookies are kept (an expired one is dropped). */
  async request(pathname: string, init: RequestInit & { cookie?: string; secFetch?: false } = {}): Promise<Response> {
    const headers = new Headers({ ...this.headers, ...(init.headers as Record<string, string> | undefined) });
    // What a browser sends for the user's own doing (a link followed, a form or an action sent), unless
    // the caller says otherwise (`secFetch: false`: an older browser, which sends none of it).
    if (!headers.has("sec-fetch-site") && init.secFetch !== false) {
      headers.set("sec-fetch-site", "same-origin");
      if (headers.has("next-action")) headers.set("sec-fetch-mode", "cors");
      else {
        headers.set("sec-fetch-mode", "navigate");
        headers.set("sec-fetch-user", "?1");
      }
    }
    const cookie = init.cookie ?? this.cookieHeader();
    if (cookie) headers.set("cookie", cookie);
    const { cookie: _cookie, secFetch: _secFetch, ...rest } = init;
    const response = await fetch(`${this.base}${pathname}`, { ...rest, headers, redirect: "manual" });
    for (const raw of response.headers.getSetCookie()) {
      const c = parseSetCookie(raw);
      this.setCookies.push(c);
      if (c.value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(c.attributes)) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    }
    return response;
  }

  /** Auth.js's CSRF token (and its cookie). */
  async csrf(): Promise<string> {
    const response = await this.request("/api/auth/csrf");
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** Posts the credentials to Auth.js's callback route; returns where it sent us. */
  async postCredentials(csrfToken: string, username: string, password = DEMO_PASSWORD, provider: "credentials" | "impersonation" = "credentials"): Promise<string> {
    const response = await this.request(`/api/auth/callback/${provider}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${this.base}/` }),
    });
    await response.arrayBuffer();
    return response.headers.get("location") ?? `HTTP ${response.status}`;
  }

  /** Signs in through Auth.js's callback route (CSRF and all); returns where it sent us. */
  async signIn(username: string, password = DEMO_PASSWORD, provider: "credentials" | "impersonation" = "credentials"): Promise<string> {
    return this.postCredentials(await this.csrf(), username, password, provider);
  }

  /** Signs out through Auth.js's own route (which ends an impersonation too). */
  async signOut(): Promise<void> {
    const csrfToken = await this.csrf();
    const response = await this.request("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${this.base}/sign-in` }),
    });
    await response.arrayBuffer();
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

/** A Server Action's id in this build (.next), by its exported name. */
export function actionId(name: string): string {
  manifest ??= JSON.parse(readFileSync(path.join(projectRoot, ".next", "server", "server-reference-manifest.json"), "utf8")) as Manifest;
  const found = Object.entries(manifest.node).filter(([, v]) => v.exportedName === name);
  if (found.length !== 1) throw new Error(`Server Action ${name}: ${found.length} in the manifest`);
  return found[0]![0];
}
