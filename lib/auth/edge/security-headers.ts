// The security headers that depend on the request or on this deployment, which the middleware adds
// to every response it gives: a Content-Security-Policy with a fresh nonce (Next reads the nonce from
// the page request's own Content-Security-Policy header and puts it on each script and stylesheet it
// renders, so only those run), and Strict-Transport-Security when the public URL (AUTH_URL) is https.
// (The headers that never change — X-Frame-Options, nosniff, Referrer-Policy, Permissions-Policy —
// are in next.config.mjs, which also reaches the static files the middleware never sees; AUTH_URL
// is read here, at run time, because next.config.mjs's headers are fixed when the app is built.)
// Edge-safe.
import type { NextRequest, NextResponse } from "next/server";

/** Two years, this host and its subdomains. Not `preload`: joining the browsers' list is a decision for the domain's owner. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

export type PolicySettings = {
  /** `next dev`: React's dev tooling evaluates code, and the local mailbox shows emails' inline styles. */
  development: boolean;
  /** Served over HTTPS (AUTH_URL is https): HSTS, and any http: subresource is upgraded. */
  https: boolean;
};

export function policySettings(env: Record<string, string | undefined> = process.env): PolicySettings {
  return { development: env.NODE_ENV === "development", https: Boolean(env.AUTH_URL?.startsWith("https:")) };
}

/** 128 random bits, base64: unguessable, and new for every response. */
export function createNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * The policy for one response. Scripts run only with its nonce, or when such a script loads them
 * ('strict-dynamic': how Next loads its chunks); no plugins, no <base>, no framing, forms and
 * connections to this origin only. ('self' in script-src is for browsers without 'strict-dynamic'.)
 */
export function contentSecurityPolicy(nonce: string, { development, https }: PolicySettings): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // In development a nonce would void 'unsafe-inline', which the dev overlay's and the mailbox's
    // (srcdoc frames obey the page's policy) inline styles need.
    development ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

const OVERRIDE = "x-middleware-override-headers";
const FORWARDED = "x-middleware-request-";

/**
 * Adds headers to the request a NextResponse.next() passes on to the page, encoded as
 * NextResponse.next({ request: { headers } }) encodes them (each value as x-middleware-request-<name>,
 * every forwarded name in x-middleware-override-headers) — keeping any the middleware changed already.
 */
export function forwardRequestHeaders(request: NextRequest, response: NextResponse, headers: Record<string, string>): void {
  const listed = response.headers.get(OVERRIDE);
  const names = new Set(listed ? listed.split(",").map((name) => name.trim()) : []);
  if (listed === null) {
    for (const [name, value] of request.headers) {
      response.headers.set(`${FORWARDED}${name}`, value);
      names.add(name);
    }
  }
  for (const [name, value] of Object.entries(headers)) {
    response.headers.set(`${FORWARDED}${name}`, value);
    names.add(name);
  }
  response.headers.set(OVERRIDE, [...names].join(","));
}

/** `response` with this request's Content-Security-Policy (a fresh nonce, passed on to the page too) and, on HTTPS, HSTS. */
export function withSecurityHeaders(request: NextRequest, response: NextResponse, settings = policySettings()): NextResponse {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce, settings);
  response.headers.set("content-security-policy", policy);
  if (settings.https) response.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY);
  if (response.headers.get("x-middleware-next") === "1") forwardRequestHeaders(request, response, { "content-security-policy": policy, "x-nonce": nonce });
  return response;
}
