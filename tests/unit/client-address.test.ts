import { describe, expect, it } from "vitest";
import { clientKey, normalizeAddress, parseTrustedProxies, resolveClientAddress, type ProxyTrust } from "@/lib/net/client-address";

function trust(setting: string): ProxyTrust {
  const parsed = parseTrustedProxies(setting);
  if ("error" in parsed) throw new Error(parsed.error);
  return parsed.trust;
}

describe("normalizeAddress", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1"],
    [" 203.0.113.9 ", "203.0.113.9"],
    ["::ffff:127.0.0.2", "127.0.0.2"],
    ["::FFFF:7f00:2", "127.0.0.2"],
    ["0:0:0:0:0:ffff:203.0.113.9", "203.0.113.9"],
    ["2001:DB8:0:0:0:0:0:1", "2001:db8::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["2001:0db8:0000:0001:0000:0000:0000:0000", "2001:db8:0:1::"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2:3:4:5:6"],
    ["2001:db8::1:2:3:4:5", "2001:db8:0:1:2:3:4:5"],
    ["::1", "::1"],
    ["::", "::"],
    ["fe80::1%eth0", "fe80::1"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["203.0.113.9:51234", "203.0.113.9"],
  ])("%s is %s", (raw, normalized) => {
    expect(normalizeAddress(raw)).toBe(normalized);
  });

  it.each(["", "unknown", "localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "010.0.0.1", "1.2.3.-4", "2001:db8::1::2", "2001:db8:1:2:3:4:5:6:7", "12345::1", "g::1", "1:2:3:4:5:6:7::8:9", "::ffff:1.2.3.256", "1.2.3.4/32", "<script>", "127.0.0.1\u0000"])(
    "%j is no address",
    (raw) => {
      expect(normalizeAddress(raw)).toBeNull();
    },
  );
});

describe("clientKey", () => {
  it("counts IPv4 by the address and IPv6 by its /64", () => {
    expect(clientKey("198.51.100.7")).toBe("198.51.100.7");
    expect(clientKey("2001:db8:7:1::a")).toBe("2001:db8:7:1::/64");
    expect(clientKey("2001:db8:7:1:ffff:ffff:ffff:ffff")).toBe("2001:db8:7:1::/64");
    expect(clientKey("2001:db8:7:2::a")).toBe("2001:db8:7:2::/64");
    expect(clientKey("::1")).toBe("::/64");
  });
});

describe("parseTrustedProxies", () => {
  it("reads unset, hop counts, addresses, ranges and Express's keywords", () => {
    expect(parseTrustedProxies(undefined)).toEqual({ trust: { kind: "none" } });
    expect(parseTrustedProxies(" ")).toEqual({ trust: { kind: "none" } });
    expect(parseTrustedProxies("0")).toEqual({ trust: { kind: "none" } });
    expect(parseTrustedProxies("2")).toEqual({ trust: { kind: "hops", count: 2 } });
    for (const ok of ["10.0.0.1", "10.0.0.0/8, fd00::/8", "loopback,uniquelocal", "LinkLocal", "2001:db8::/32", "0.0.0.0/0", "::/0"]) {
      expect(parseTrustedProxies(ok), ok).toMatchObject({ trust: { kind: "ranges" } });
    }
  });

  it.each(["11", "true", "*", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/8/8", "10.0.0.0/", "10.0.0.0/x", "10.0.0.1,", "proxy.example.com", "[::1]", "fe80::1%eth0", "-1"])("refuses %j", (value) => {
    expect(parseTrustedProxies(value)).toHaveProperty("error");
  });
});

describe("resolveClientAddress", () => {
  const none = trust("");

  it("without TRUSTED_PROXIES: the connection, whatever the header says", () => {
    expect(resolveClientAddress("127.0.0.61", "127.0.0.2", none)).toBe("127.0.0.61");
    expect(resolveClientAddress("::ffff:127.0.0.61", "198.51.100.1, 198.51.100.2", none)).toBe("127.0.0.61");
    expect(resolveClientAddress("2001:db8::5", undefined, none)).toBe("2001:db8::5");
    expect(resolveClientAddress(undefined, "198.51.100.1", none)).toBeNull();
    expect(resolveClientAddress("garbage", "198.51.100.1", none)).toBeNull();
  });

  it("a hop count trusts that many proxies from the connection inward", () => {
    expect(resolveClientAddress("10.0.0.5", "198.51.100.1", trust("1"))).toBe("198.51.100.1");
    // A spoofed entry left of what the proxy wrote is the client's own claim: ignored.
    expect(resolveClientAddress("10.0.0.5", "6.6.6.6, 198.51.100.1", trust("1"))).toBe("198.51.100.1");
    expect(resolveClientAddress("10.0.0.5", "6.6.6.6, 198.51.100.1, 10.0.0.9", trust("2"))).toBe("198.51.100.1");
    // More hops than entries: the leftmost entry (Express does the same).
    expect(resolveClientAddress("10.0.0.5", "198.51.100.1", trust("3"))).toBe("198.51.100.1");
    // No header from the proxy: the proxy is all we know.
    expect(resolveClientAddress("10.0.0.5", undefined, trust("1"))).toBe("10.0.0.5");
    expect(resolveClientAddress("10.0.0.5", "", trust("1"))).toBe("10.0.0.5");
  });

  it("ranges trust the proxies they name and nothing else", () => {
    const proxies = trust("10.0.0.0/8, 2001:db8:ffff::/48");
    expect(resolveClientAddress("10.1.2.3", "198.51.100.1", proxies)).toBe("198.51.100.1");
    // A chain of trusted proxies is walked to the first address that is not one.
    expect(resolveClientAddress("10.1.2.3", "6.6.6.6, 198.51.100.1, 10.9.9.9, 2001:db8:ffff::1", proxies)).toBe("198.51.100.1");
    // A connection from outside the ranges writes nothing that counts.
    expect(resolveClientAddress("192.0.2.10", "198.51.100.1", proxies)).toBe("192.0.2.10");
    // IPv4-mapped sockets match IPv4 ranges.
    expect(resolveClientAddress("::ffff:10.0.0.7", "2001:db8:7:1::a", proxies)).toBe("2001:db8:7:1::a");
    // When every entry is a trusted proxy, the leftmost is the client (as in Express).
    expect(resolveClientAddress("10.1.2.3", "10.5.5.5", proxies)).toBe("10.5.5.5");
  });

  it("the keywords are Express's ranges", () => {
    const local = trust("loopback, linklocal, uniquelocal");
    for (const proxy of ["127.0.0.1", "127.255.0.9", "::1", "169.254.1.1", "fe80::9", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "fd12::1"]) {
      expect(resolveClientAddress(proxy, "198.51.100.1", local), proxy).toBe("198.51.100.1");
    }
    for (const outsider of ["128.0.0.1", "172.32.0.1", "192.169.0.1", "fe00::1", "2001:db8::1"]) {
      expect(resolveClientAddress(outsider, "198.51.100.1", local), outsider).toBe(outsider);
    }
  });

  it("a malformed entry ends the walk at the trusted proxy that passed it on", () => {
    const proxies = trust("10.0.0.0/8");
    for (const header of ["unknown", "not-an-ip", "198.51.100.1, ", ",", "1.2.3.4.5", "<script>alert(1)</script>", "x".repeat(10_000)]) {
      expect(resolveClientAddress("10.0.0.5", header, proxies), header.slice(0, 40)).toBe("10.0.0.5");
    }
    // …and an entry to its left, however well-formed, is never reached.
    expect(resolveClientAddress("10.0.0.5", "198.51.100.1, garbage, 10.0.0.6", proxies)).toBe("10.0.0.6");
    // Ports and brackets some proxies add are read, not refused.
    expect(resolveClientAddress("10.0.0.5", "[2001:db8::7]:4711", proxies)).toBe("2001:db8::7");
    expect(resolveClientAddress("10.0.0.5", "198.51.100.1:4711", proxies)).toBe("198.51.100.1");
  });
});
