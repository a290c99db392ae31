// The app's cookies, named in one place. On HTTPS they carry the `__Host-` prefix: the browser then
// accepts them only from this exact host, Secure, with Path=/ and no Domain, so a sibling subdomain
// can neither plant nor overwrite them. Edge-safe.

export type CookieNames = { session: string; activity: string; request: string; csrf: string; callbackUrl: string };

export function cookieNames(secure: boolean): CookieNames {
  const prefix = secure ? "__Host-" : "";
  return {
    session: `${prefix}authjs.session-token`,
    activity: `${prefix}kaizen.activity`,
    request: `${prefix}kaizen.impersonation-request`,
    csrf: `${prefix}authjs.csrf-token`,
    callbackUrl: `${prefix}authjs.callback-url`,
  };
}

/**
 * Is this request HTTPS as the app sees it — directly, behind a TLS-terminating proxy that says so,
 * or because the public URL (AUTH_URL) is? That decides the cookies' names and Secure flag.
 */
export function isSecureRequest(url: string | undefined, headers: Pick<Headers, "get">, authUrl = process.env.AUTH_URL): boolean {
  return Boolean(url?.startsWith("https:")) || headers.get("x-forwarded-proto") === "https" || Boolean(authUrl?.startsWith("https:"));
}

/** The session-bearing cookies a request is read with: `__Host-` names on HTTPS, plain ones on HTTP. */
const guardedNames = (names: CookieNames) => [names.session, names.activity, names.request];
const GUARDED_HTTPS = guardedNames(cookieNames(true));
const GUARDED_HTTP = guardedNames(cookieNames(false));

/**
 * A session, activity or request cookie the request carries more than once, if any. Two cookies of
 * one name (one planted with another Path or Domain) could make two readers see two sessions, so
 * such a request is refused outright. Chunked session cookies (`name.0`, `name.1`) count by chunk.
 * Only the names this request is read with count: on HTTPS a plain name is what a sibling subdomain
 * can plant (Domain=example.com), and is never read, so two of them must not lock the user out.
 */
export function duplicatedCookie(cookieHeader: string | null | undefined, secure: boolean): string | null {
  if (!cookieHeader) return null;
  const guarded = secure ? GUARDED_HTTPS : GUARDED_HTTP;
  const seen = new Set<string>();
  for (const part of cookieHeader.split(";")) {
    const name = part.split("=")[0]!.trim();
    const base = name.replace(/\.\d+$/, "");
    if (!guarded.includes(base)) continue;
    if (seen.has(name)) return name;
    seen.add(name);
  }
  return null;
}

/** One cookie's value from a Cookie header (the only one: callers refuse duplicates first). */
export function cookieFrom(cookieHeader: string | null | undefined, name: string): string | undefined {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      try {
        return decodeURIComponent(rest.join("="));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
