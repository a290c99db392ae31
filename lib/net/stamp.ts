// The client's address on a Node server. Next.js hands the app no socket (it only fills
// X-Forwarded-For from it when the header is absent, so a client that sends its own is believed),
// so the server works it out as each request arrives, from the connection and TRUSTED_PROXIES, and
// stamps it onto the request as a header the app reads back: `x-kaizen-client-address: <token>
// <address>`. Whatever a client sent under that name is deleted first, and the token is random per
// process, so only this server's stamp is believed; a request that arrived before the stamp was
// installed (while the server was starting) has no address rather than one it chose.
// Installed by instrumentation.ts's register(), which Next runs as it prepares and awaits before it
// handles a request (next start, the standalone server.js, next dev: checked); not on Vercel, whose
// edge writes the address (lib/auth/request.ts).
import { randomBytes } from "node:crypto";
import http from "node:http";
import https from "node:https";
import { parseTrustedProxies, resolveClientAddress } from "./client-address";

export const CLIENT_ADDRESS_HEADER = "x-kaizen-client-address";

// On globalThis: instrumentation and the route handlers are separate bundles, each with its own
// copy of this module, in one process.
const STAMP = Symbol.for("kaizen.client-address");
type Stamp = { token: string };
const registry = globalThis as { [STAMP]?: Stamp };

/** Stamps every request of every HTTP server in this process from now on (once per process). */
export function stampClientAddresses(trustedProxies: string | undefined): void {
  if (registry[STAMP]) return;
  const parsed = parseTrustedProxies(trustedProxies);
  if ("error" in parsed) throw new Error(`TRUSTED_PROXIES ${parsed.error}`);
  const { trust } = parsed;
  const token = randomBytes(24).toString("base64url");
  for (const Server of [http.Server, https.Server]) {
    const emit = Server.prototype.emit as (this: http.Server, event: string | symbol, ...args: unknown[]) => boolean;
    Server.prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
      if (event === "request") {
        const request = args[0] as http.IncomingMessage;
        // Node joins repeated X-Forwarded-For lines with ", ", as one header.
        const forwarded = request.headers["x-forwarded-for"];
        const address = resolveClientAddress(request.socket?.remoteAddress, Array.isArray(forwarded) ? forwarded.join(",") : forwarded, trust);
        delete request.headers[CLIENT_ADDRESS_HEADER];
        if (address) request.headers[CLIENT_ADDRESS_HEADER] = `${token} ${address}`;
      }
      return emit.call(this, event, ...args);
    } as typeof Server.prototype.emit;
  }
  registry[STAMP] = { token };
}

/** The address this server stamped on the request; null for none, or for a stamp not this process's. */
export function stampedClientAddress(headers: Pick<Headers, "get">): string | null {
  const stamp = registry[STAMP];
  const [token, address, ...rest] = headers.get(CLIENT_ADDRESS_HEADER)?.split(" ") ?? [];
  return stamp && token === stamp.token && address && rest.length === 0 ? address : null;
}
