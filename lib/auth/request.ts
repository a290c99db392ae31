// What the server can learn of the client from a request: its address, for the per-client sign-in
// throttle and the sign-in's record.
import { normalizeAddress } from "@/lib/net/client-address";
import { stampedClientAddress } from "@/lib/net/stamp";

/**
 * The client's address. On Vercel, X-Forwarded-For: Vercel's edge overwrites it with the address it
 * saw and passes on no client's own (Vercel's "Request headers" documentation). On a Node server,
 * the address the server stamped on the request from the connection and TRUSTED_PROXIES
 * (lib/net/stamp.ts). Null when there is none: a request that reached the app before the stamp was
 * installed counts as no client rather than as one it chose.
 */
export function clientIp(headers: Pick<Headers, "get">): string | null {
  if (process.env.VERCEL) return normalizeAddress(headers.get("x-forwarded-for")?.split(",").at(-1));
  return stampedClientAddress(headers);
}
