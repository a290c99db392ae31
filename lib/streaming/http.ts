// One delivery over HTTP(S) to an audit stream's endpoint, safely: the host's addresses are looked
// up and checked (lib/streaming/addresses.ts) and the connection goes to a checked one; redirects
// are not followed (a 3xx is an answer like any other, and fails the attempt); it gives up after
// DELIVERY_TIMEOUT_MS; and of the answer only the status and the first RESPONSE_EXCERPT_BYTES are
// kept (a receiver's page is not ours to show in full).
import "server-only";
import { lookup } from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { refusedAddress } from "./addresses";

export const DELIVERY_TIMEOUT_MS = 10_000;
export const RESPONSE_EXCERPT_BYTES = 1024;

export type EndpointRules = {
  /** Loopback, private and other non-public addresses allowed (AUDIT_STREAM_ALLOW_PRIVATE=1, or the development server). */
  allowPrivate: boolean;
  /** Only https:// (production), else http:// too. */
  httpsOnly: boolean;
};

/** Why `url` may not be an endpoint by its form alone (scheme, credentials, port), or null. */
export function urlProblem(url: string, rules: EndpointRules): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "Enter a full URL, such as https://siem.example.com/hooks/kaizen.";
  }
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && !rules.httpsOnly)) {
    return rules.httpsOnly ? "The endpoint must be an https:// URL." : "The endpoint must be an http:// or https:// URL.";
  }
  if (parsed.username || parsed.password) return "Put no user name or password in the URL: every delivery is signed instead.";
  if (parsed.hash) return "Remove the #fragment: it is never sent.";
  return null;
}

/**
 * The addresses `hostname` has now, each checked: the refusal ("… resolves to 10.0.0.5, a private
 * address") when any of them may not be delivered to, else the addresses.
 */
export async function vettedAddresses(hostname: string, rules: EndpointRules): Promise<{ ok: true; addresses: { address: string; family: number }[] } | { ok: false; reason: string }> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  let found: { address: string; family: number }[];
  try {
    found = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await lookup(bare, { all: true, verbatim: true });
  } catch {
    return { ok: false, reason: `${hostname} does not resolve.` };
  }
  if (found.length === 0) return { ok: false, reason: `${hostname} does not resolve.` };
  if (!rules.allowPrivate) {
    for (const { address } of found) {
      const why = refusedAddress(address);
      if (why) return { ok: false, reason: `${hostname} ${bare === address ? "is" : `resolves to ${address},`} a ${why} address: audit streams deliver to public addresses only.` };
    }
  }
  return { ok: true, addresses: found };
}

export type DeliveryOutcome = { ok: boolean; status: number | null; excerpt: string; error: string | null; ms: number };

/** POSTs `body` with `headers` to `url`, connecting only to an address checked just now. */
export async function deliver(
  url: string,
  body: string,
  headers: Record<string, string>,
  rules: EndpointRules,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<DeliveryOutcome> {
  const started = performance.now();
  const done = (o: Omit<DeliveryOutcome, "ms">): DeliveryOutcome => ({ ...o, ms: Math.round(performance.now() - started) });
  const problem = urlProblem(url, rules);
  if (problem) return done({ ok: false, status: null, excerpt: "", error: problem });
  const target = new URL(url);
  const vetted = await vettedAddresses(target.hostname, rules);
  if (!vetted.ok) return done({ ok: false, status: null, excerpt: "", error: vetted.reason });
  const [first] = vetted.addresses;
  // The connection uses the addresses checked above (Node tries each in turn when it asks for all,
  // as for "localhost": ::1, then 127.0.0.1), whatever DNS would say a moment later.
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, vetted.addresses);
    else callback(null, first!.address, first!.family);
  };
  const client = target.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      target,
      {
        method: "POST",
        lookup: pinned,
        headers: { "content-type": "application/json", "user-agent": "KaizenHub-AuditStream/1", ...headers, "content-length": Buffer.byteLength(body) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        response.on("data", (chunk: Buffer) => {
          if (kept < RESPONSE_EXCERPT_BYTES) {
            chunks.push(chunk.subarray(0, RESPONSE_EXCERPT_BYTES - kept));
            kept += Math.min(chunk.length, RESPONSE_EXCERPT_BYTES - kept);
          }
        });
        const finish = () => {
          const status = response.statusCode ?? null;
          const ok = status !== null && status >= 200 && status < 300;
          resolve(done({ ok, status, excerpt: Buffer.concat(chunks).toString("utf8"), error: ok ? null : `HTTP ${status}` }));
        };
        response.on("end", finish);
        response.on("error", finish);
      },
    );
    request.on("timeout", () => request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    request.on("error", (error) => resolve(done({ ok: false, status: null, excerpt: "", error: error.message })));
    request.end(body);
  });
}
