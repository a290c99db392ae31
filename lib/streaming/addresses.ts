// Where an audit stream may deliver: no server-side request forgery. An endpoint whose host is, or
// resolves to, a loopback, private, link-local, carrier-grade NAT, metadata, multicast, reserved or
// documentation address is refused — IPv4 and IPv6, IPv4 inside IPv6 (mapped, NAT64, 6to4) too —
// at save and again at each delivery, on the addresses DNS gives then, and the connection goes to
// the address that was checked (so a name that resolves differently a moment later cannot slip a
// private address in). AUDIT_STREAM_ALLOW_PRIVATE=1 allows them (the development server always
// does, so the feature can be tried against a receiver on this machine).
import "server-only";
import { BlockList, isIP } from "node:net";

/** Every range refused, with what it is (the refusal names it). IANA special-purpose registries. */
const REFUSED_V4: [string, number, string][] = [
  ["0.0.0.0", 8, "this network"],
  ["10.0.0.0", 8, "private"],
  ["100.64.0.0", 10, "carrier-grade NAT"],
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link-local (cloud metadata)"],
  ["172.16.0.0", 12, "private"],
  ["192.0.0.0", 24, "IETF protocol assignments (cloud metadata)"],
  ["192.0.2.0", 24, "documentation"],
  ["192.88.99.0", 24, "6to4 relay"],
  ["192.168.0.0", 16, "private"],
  ["198.18.0.0", 15, "benchmarking"],
  ["198.51.100.0", 24, "documentation"],
  ["203.0.113.0", 24, "documentation"],
  ["224.0.0.0", 4, "multicast"],
  ["240.0.0.0", 4, "reserved"],
];
const REFUSED_V6: [string, number, string][] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["100::", 64, "discard-only"],
  ["2001::", 32, "Teredo"],
  ["2001:db8::", 32, "documentation"],
  ["fc00::", 7, "unique local (private; cloud metadata)"],
  ["fe80::", 10, "link-local"],
  ["fec0::", 10, "site-local"],
  ["ff00::", 8, "multicast"],
];
/** IPv6 forms that carry an IPv4 address (in their last 32 bits): judged by the IPv4 address inside. */
const EMBEDDED_V4 = new BlockList();
for (const [network, prefix] of [
  ["::ffff:0:0", 96], // IPv4-mapped
  ["::", 96], // IPv4-compatible (deprecated)
  ["64:ff9b::", 96], // NAT64
  ["64:ff9b:1::", 48], // local-use NAT64
] as const) {
  EMBEDDED_V4.addSubnet(network, prefix, "ipv6");
}
/** 6to4 carries it in the 32 bits after its 16-bit prefix. */
const SIX_TO_FOUR = new BlockList();
SIX_TO_FOUR.addSubnet("2002::", 16, "ipv6");

const refused = new Map<string, BlockList>();
for (const [network, prefix, what] of [...REFUSED_V4.map((r) => [...r, "ipv4"] as const), ...REFUSED_V6.map((r) => [...r, "ipv6"] as const)]) {
  const list = refused.get(what) ?? new BlockList();
  list.addSubnet(network, prefix, network.includes(":") ? "ipv6" : "ipv4");
  refused.set(what, list);
}

/** The 32 bits after `prefixBits` of an IPv6 address (its eight groups), as dotted IPv4. */
function v4Inside(groups: number[], prefixBits: number): string {
  const bits = groups.map((g) => g.toString(2).padStart(16, "0")).join("");
  const v4 = bits.slice(prefixBits, prefixBits + 32);
  return [0, 8, 16, 24].map((i) => parseInt(v4.slice(i, i + 8), 2)).join(".");
}

/** An IPv6 address as its eight 16-bit groups (a trailing dotted IPv4 included). */
function expandV6(address: string): number[] {
  let text = address.toLowerCase().split("%")[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split(".").map(Number) as [number, number, number, number];
    text = text.slice(0, -dotted[1]!.length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail !== undefined && tail !== "" ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...(tail !== undefined ? Array(missing).fill("0") : []), ...right].map((g) => parseInt(g, 16));
}

/** Why `address` (an IP) is not one to deliver to, or null when it is a public address. */
export function refusedAddress(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return "not an IP address";
  const type = family === 4 ? "ipv4" : "ipv6";
  if (type === "ipv6") {
    const groups = expandV6(address);
    const unspecifiedOrLoopback = groups.slice(0, 7).every((g) => g === 0) && groups[7]! <= 1; // "::" and "::1": judged as IPv6 below
    if (EMBEDDED_V4.check(address, "ipv6") && !unspecifiedOrLoopback) {
      const inside = refusedAddress(v4Inside(groups, 96));
      if (inside) return `${inside} (inside IPv6)`;
    }
    if (SIX_TO_FOUR.check(address, "ipv6")) {
      const inside = refusedAddress(v4Inside(groups, 16));
      if (inside) return `${inside} (inside 6to4)`;
    }
  }
  for (const [what, list] of refused) if (list.check(address, type)) return what;
  return null;
}
