// Who the client is, from the connection's address and X-Forwarded-For, trusting the header only as
// far as TRUSTED_PROXIES says, the way Express's `trust proxy` and Rails' `trusted_proxies` do: walk
// the header from the right (the entry the nearest proxy wrote) while the hop that wrote it is
// trusted; the first address not trusted is the client. Anything left of it is the client's own
// claim. Unset, the connection's address is the client and the header counts for nothing.
// Pure and edge-safe: lib/env.ts validates the setting with it; the Node server applies it to every
// request (./stamp.ts).

/** An address as 16 bytes, IPv4 as its IPv4-mapped IPv6 form (::ffff:a.b.c.d), so one mask fits both. */
type Address = { v4: boolean; bytes: Uint8Array };
type Range = { bytes: Uint8Array; prefix: number };

export type ProxyTrust = { kind: "none" } | { kind: "hops"; count: number } | { kind: "ranges"; ranges: Range[] };

const MAX_HOPS = 10;
const V4_MAPPED = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseV4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  // No leading zeros: "010" is octal to some parsers and decimal to others.
  if (!parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)) return null;
  return parts.map(Number);
}

function parseV6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === "") return [];
    const words = half.split(":");
    const bytes: number[] = [];
    for (const [i, word] of words.entries()) {
      if (i === words.length - 1 && word.includes(".")) {
        const v4 = parseV4(word);
        if (!v4) return null;
        bytes.push(...v4);
      } else if (/^[0-9a-f]{1,4}$/i.test(word)) {
        const n = parseInt(word, 16);
        bytes.push(n >> 8, n & 0xff);
      } else return null;
    }
    return bytes;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  if (halves.length === 1) return head.length === 16 ? head : null;
  const missing = 16 - head.length - tail.length;
  return missing >= 2 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : null;
}

/**
 * An IPv4 or IPv6 address as a socket or a proxy writes it: also `[v6]:port`, `v4:port` and a zone
 * (`fe80::1%eth0`, dropped). Null for anything else.
 */
function parseAddress(raw: string): Address | null {
  let text = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^[\d.]+:\d{1,5}$/.test(text)) text = text.slice(0, text.indexOf(":"));
  text = text.replace(/%[\w.-]+$/, "");
  const v4 = parseV4(text);
  if (v4) return { v4: true, bytes: Uint8Array.from([...V4_MAPPED, ...v4]) };
  const v6 = text.includes(":") ? parseV6(text) : null;
  if (!v6) return null;
  const bytes = Uint8Array.from(v6);
  return { v4: V4_MAPPED.every((b, i) => bytes[i] === b), bytes };
}

/** RFC 5952: lower case, the longest run of two or more zero groups as `::`; IPv4 dotted. */
function formatAddress({ v4, bytes }: Address): string {
  if (v4) return Array.from(bytes.subarray(12)).join(".");
  const words = Array.from({ length: 8 }, (_, i) => (bytes[2 * i]! << 8) | bytes[2 * i + 1]!);
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = (from: number, to: number) => words.slice(from, to).map((w) => w.toString(16)).join(":");
  return best.start < 0 ? hex(0, 8) : `${hex(0, best.start)}::${hex(best.start + best.length, 8)}`;
}

/** The address in one spelling (::ffff:1.2.3.4 is 1.2.3.4; IPv6 as RFC 5952 writes it), or null if it is none. */
export function normalizeAddress(raw: string | null | undefined): string | null {
  const address = raw ? parseAddress(raw) : null;
  return address ? formatAddress(address) : null;
}

/**
 * What the per-client limits count by: an IPv4 address itself, an IPv6 address by its /64 (one
 * subscriber's usual allocation, so a client cannot step around the limit through its own prefix).
 */
export function clientKey(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return address;
  if (parsed.v4) return formatAddress(parsed);
  return `${formatAddress({ v4: false, bytes: Uint8Array.from([...parsed.bytes.subarray(0, 8), ...new Array<number>(8).fill(0)]) })}/64`;
}

function inRange(address: Address, range: Range): boolean {
  for (let bit = 0; bit < range.prefix; bit += 8) {
    const mask = range.prefix - bit >= 8 ? 0xff : (0xff << (8 - (range.prefix - bit))) & 0xff;
    if ((address.bytes[bit / 8]! & mask) !== (range.bytes[bit / 8]! & mask)) return false;
  }
  return true;
}

// Express's names for the usual private ranges (proxy-addr).
const KEYWORDS: Record<string, string[]> = {
  loopback: ["127.0.0.0/8", "::1/128"],
  linklocal: ["169.254.0.0/16", "fe80::/10"],
  uniquelocal: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"],
};

function parseRange(text: string): Range | null {
  const [host, bits, ...rest] = text.split("/");
  const address = host ? parseAddress(host) : null;
  if (!address || rest.length > 0 || /[[\]%]/.test(host!) || (bits !== undefined && !/^\d{1,3}$/.test(bits))) return null;
  const width = address.v4 ? 32 : 128;
  const prefix = bits === undefined ? width : Number(bits);
  if (prefix > width) return null;
  return { bytes: address.bytes, prefix: address.v4 ? prefix + 96 : prefix };
}

/**
 * TRUSTED_PROXIES: unset or empty (trust no proxy), a hop count (`1`: the nearest proxy, whatever
 * its address), or a comma-separated list of addresses, CIDR ranges and the keywords loopback,
 * linklocal, uniquelocal. A description of what is wrong when it is none of these.
 */
export function parseTrustedProxies(value: string | undefined): { trust: ProxyTrust } | { error: string } {
  const text = value?.trim() ?? "";
  if (text === "") return { trust: { kind: "none" } };
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count > MAX_HOPS) return { error: `is a hop count above ${MAX_HOPS}: count only the proxies in front of the app` };
    return { trust: count === 0 ? { kind: "none" } : { kind: "hops", count } };
  }
  const ranges: Range[] = [];
  for (const item of text.split(",").map((s) => s.trim().toLowerCase())) {
    const expanded = KEYWORDS[item] ?? [item];
    for (const entry of expanded) {
      const range = parseRange(entry);
      if (!range) {
        return { error: `has "${item}", which is not an address, a CIDR range (10.0.0.0/8, fd00::/8) or loopback, linklocal, uniquelocal; or give a hop count (1)` };
      }
      ranges.push(range);
    }
  }
  return { trust: { kind: "ranges", ranges } };
}

function trusts(trust: ProxyTrust, address: Address, hop: number): boolean {
  if (trust.kind === "hops") return hop < trust.count;
  if (trust.kind === "ranges") return trust.ranges.some((range) => inRange(address, range));
  return false;
}

/**
 * The client's address: the connection's, or, while the hop that wrote the next X-Forwarded-For
 * entry (from the right) is trusted, that entry. A malformed entry ends the walk: the last valid
 * address reached (a trusted proxy's) is the client, so garbage never becomes an address of its
 * own. Null only when the connection's address is unknown.
 */
export function resolveClientAddress(remoteAddress: string | undefined, forwardedFor: string | undefined, trust: ProxyTrust): string | null {
  let client = remoteAddress ? parseAddress(remoteAddress) : null;
  if (!client) return null;
  const entries = forwardedFor ? forwardedFor.split(",") : [];
  for (let hop = 0; hop < entries.length && trusts(trust, client, hop); hop++) {
    const next = parseAddress(entries[entries.length - 1 - hop]!);
    if (!next) break;
    client = next;
  }
  return formatAddress(client);
}

/** For the start-up log: which address the server counts as the client's, under this setting. */
export function describeTrust(setting: string | undefined): string {
  const parsed = parseTrustedProxies(setting);
  const text = setting?.trim();
  if ("error" in parsed) return `none: TRUSTED_PROXIES ${parsed.error}`;
  if (parsed.trust.kind === "none") {
    const why = text ? `TRUSTED_PROXIES=${text}` : "TRUSTED_PROXIES is unset";
    return `the connection's own address (${why}, so X-Forwarded-For is ignored; behind a proxy or load balancer, set TRUSTED_PROXIES: docs/deploying.md)`;
  }
  return `X-Forwarded-For as written by TRUSTED_PROXIES=${text} (the first address from the right that is not a trusted proxy)`;
}
