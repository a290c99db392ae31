// What the server can learn of the client from a request's headers.

/**
 * The client's address, for the per-client sign-in throttle: the last X-Forwarded-For entry, which
 * the proxy in front of the app (Vercel, or your load balancer) wrote. Next.js fills the header from
 * the socket when it is absent; a client that connects directly may send its own, so deployments
 * put a proxy in front (README, "Deploy").
 */
export function clientIp(headers: Pick<Headers, "get">): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return last || headers.get("x-real-ip") || null;
}
