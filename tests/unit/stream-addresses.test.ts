// Audit streaming delivers to public addresses only (lib/streaming/addresses.ts): every class of
// address a server-side request forgery aims at is refused, in each way it can be written.
import { describe, expect, it } from "vitest";
import { refusedAddress } from "@/lib/streaming/addresses";

describe("refusedAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.10", "private"],
    ["fd12:3456::1", "unique local"],
    ["169.254.169.254", "link-local (cloud metadata)"],
    ["fe80::1", "link-local"],
    ["fd00:ec2::254", "unique local"], // AWS's IPv6 metadata address
    ["192.0.0.192", "IETF protocol assignments"], // Oracle Cloud's metadata address
    ["100.100.100.200", "carrier-grade NAT"], // Alibaba Cloud's metadata address
    ["0.0.0.0", "this network"],
    ["::", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["192.0.2.1", "documentation"],
    ["2001:db8::1", "documentation"],
    ["198.18.0.1", "benchmarking"],
    // IPv4 inside IPv6: judged by the IPv4 address.
    ["::ffff:127.0.0.1", "loopback (inside IPv6)"],
    ["::ffff:7f00:1", "loopback (inside IPv6)"],
    ["::ffff:169.254.169.254", "link-local (cloud metadata) (inside IPv6)"],
    ["::10.0.0.1", "private (inside IPv6)"],
    ["64:ff9b::10.0.0.1", "private (inside IPv6)"],
    ["64:ff9b::a9fe:a9fe", "link-local (cloud metadata) (inside IPv6)"],
    ["2002:7f00:1::", "loopback (inside 6to4)"],
    ["2002:c0a8:101::1", "private (inside 6to4)"],
  ])("refuses %s (%s)", (address, what) => {
    expect(refusedAddress(address)).toContain(what);
  });

  it.each(["93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::6810:84e5", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"])("allows the public address %s", (address) => {
    expect(refusedAddress(address)).toBeNull();
  });

  it("refuses what is not an address at all", () => {
    expect(refusedAddress("example.com")).toBe("not an IP address");
    expect(refusedAddress("")).toBe("not an IP address");
  });
});
