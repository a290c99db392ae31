import os from "node:os";

/**
 * Where `next dev` may be opened from. Next 16 serves its dev resources (the HMR socket, chunks) only
 * to origins it knows: opened at http://127.0.0.1:3000 or a LAN address instead of localhost, a page
 * would never hydrate. So: localhost, 127.0.0.1, this machine's own addresses, and AUTH_URL's host.
 */
function devOrigins() {
  const hosts = new Set(["localhost", "127.0.0.1", "[::1]"]);
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) hosts.add(a.family === "IPv6" ? `[${a.address}]` : a.address);
  }
  try {
    if (process.env.AUTH_URL) hosts.add(new URL(process.env.AUTH_URL).hostname);
  } catch {
    // a malformed AUTH_URL is reported by the environment check
  }
  return [...hosts];
}

/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server (.next/standalone): runs with plain `node`, no dev dependencies. Not on
  // Vercel, which packages the functions itself from the ordinary output.
  output: process.env.VERCEL ? undefined : "standalone",
  allowedDevOrigins: devOrigins(),
  // Native and WebAssembly server packages stay out of the bundle and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
