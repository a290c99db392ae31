// Attacks on the client's address, which the per-client sign-in throttle counts by. Raw HTTP from
// chosen loopback addresses (127.0.0.0/8 is all this machine on Linux), so the server sees several
// clients. The attack server has no TRUSTED_PROXIES, as a server reached directly: X-Forwarded-For
// is anyone's to write and must count for nothing. A second server, started here from the
// standalone build with TRUSTED_PROXIES, shows the header honoured from the proxy it names.
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { cleanEnv, launch, projectRoot, stop, waitForHttp, type Running } from "../support/processes";
import { Client, DEMO_PASSWORD, signInFrom, sql } from "../support/attack";

/** Wrong guesses at once, spread over `usernames` unknown names so that none of them is locked out. */
function guesses(count: number, usernames: number, prefix: string, localAddress: string, headers: (i: number) => Record<string, string>, base?: string) {
  return Promise.all(Array.from({ length: count }, (_, i) => signInFrom(localAddress, `${prefix}-${i % usernames}`, "a-wrong-guess", headers(i), base)));
}

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The production build on a port of its own and the attack database, with `extra` in its environment. */
function startServer(command: string[], port: number, extra: Record<string, string>): Running {
  return launch(process.execPath, command, {
    env: cleanEnv({
      PORT: String(port),
      DATABASE_URL: process.env.ATTACK_DATABASE_URL,
      AUTH_SECRET: process.env.AUTH_SECRET,
      AUTH_TRUST_HOST: "true",
      EMAIL_TRANSPORT: "log",
      ...extra,
    }),
  });
}

test("without TRUSTED_PROXIES, a forged X-Forwarded-For does not get the victim it names throttled", async () => {
  // Thirty wrong guesses from 127.0.0.61, each claiming to come from the victim's 127.0.0.2 (and
  // forging the header the server stamps the address into, for good measure).
  const forged = { "x-forwarded-for": "127.0.0.2", "x-kaizen-client-address": "forged 127.0.0.2" };
  const answers = await guesses(30, 5, "proxy-ghost-a", "127.0.0.61", () => forged);
  expect(answers.every((a) => a === "credentials" || a === "throttled")).toBe(true);
  expect(await signInFrom("127.0.0.2", "nora", DEMO_PASSWORD), "the victim, from 127.0.0.2, with the right password").toBe("ok");
  // The guesses counted against the attacker's own address.
  expect(await signInFrom("127.0.0.61", "nora", DEMO_PASSWORD, forged)).toBe("throttled");
});

test("without TRUSTED_PROXIES, one client varying X-Forwarded-For is still one client to the throttle", async () => {
  const answers = await guesses(40, 8, "proxy-ghost-b", "127.0.0.62", (i) => ({ "x-forwarded-for": `198.51.100.${i + 1}` }));
  const checked = answers.filter((a) => a === "credentials").length;
  expect(checked, `checked ${checked} of 40 from one address`).toBeLessThanOrEqual(30);
  expect(answers.filter((a) => a === "throttled")).toHaveLength(40 - checked);
  expect(await signInFrom("127.0.0.62", "nora", DEMO_PASSWORD, { "x-forwarded-for": "198.51.100.250" })).toBe("throttled");
});

test("without TRUSTED_PROXIES, the sign-in form (a Server Action) records the connection's address, not a forged header", async () => {
  const client = new Client(undefined, { "x-forwarded-for": "192.0.2.66" });
  await client.action("/sign-in", "signInAction", { username: "lena", password: DEMO_PASSWORD });
  const [attempt] = await sql<{ ip: string | null }>(`SELECT ip FROM "SignInAttempt" WHERE username = 'lena' AND succeeded ORDER BY "createdAt" DESC LIMIT 1`);
  expect(attempt?.ip).toBe("127.0.0.1");
  const [session] = await sql<{ ip: string | null }>(`SELECT s.ip FROM "AuthSession" s JOIN "User" u ON u.id = s."userId" WHERE u.username = 'lena' ORDER BY s."createdAt" DESC LIMIT 1`);
  expect(session?.ip).toBe("127.0.0.1");
});

test("npm start with no TRUSTED_PROXIES says at start which address it counts: the connection's own", async () => {
  const port = await freePort();
  const server = startServer([path.join(projectRoot, "scripts", "start.mjs")], port, {});
  try {
    await expect.poll(() => server.output(), { timeout: 60_000 }).toContain("[kaizen] Client address for the sign-in throttle: the connection's own address");
    expect(server.output()).toContain("TRUSTED_PROXIES is unset, so X-Forwarded-For is ignored");
  } finally {
    await stop(server);
  }
});

test("behind a trusted proxy (TRUSTED_PROXIES=127.0.0.1) the address it forwards is the client's, IPv6 counted by /64", async () => {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // `node server.js` directly, listening on IPv6 too, so IPv4 connections arrive as ::ffff:127.0.0.x.
  const server = startServer([path.join(projectRoot, ".next", "standalone", "server.js")], port, { HOSTNAME: "::", TRUSTED_PROXIES: "127.0.0.1" });
  try {
    await waitForHttp(`${base}/api/health`);
    // Thirty guesses the proxy forwards for 2001:db8:7:1::a (the client's own claim to its left is ignored).
    const viaProxy = (address: string) => ({ "x-forwarded-for": `203.0.113.9, ${address}` });
    await guesses(30, 5, "proxy-ghost-c", "127.0.0.1", () => viaProxy("2001:db8:7:1::a"), base);
    expect(await signInFrom("127.0.0.1", "nora", DEMO_PASSWORD, viaProxy("2001:db8:7:1:ffff::b"), base), "the same /64").toBe("throttled");
    expect(await signInFrom("127.0.0.1", "nora", DEMO_PASSWORD, viaProxy("2001:db8:7:2::a"), base), "the next /64").toBe("ok");
    expect(await signInFrom("127.0.0.1", "nora", DEMO_PASSWORD, viaProxy("::ffff:198.51.100.7"), base), "an IPv4 client").toBe("ok");
    // A connection that is not the proxy gets no say: its claim to be that /64 is ignored.
    expect(await signInFrom("127.0.0.3", "nora", DEMO_PASSWORD, { "x-forwarded-for": "2001:db8:7:1::a" }, base)).toBe("ok");

    const recorded = await sql<{ ip: string }>(`SELECT DISTINCT ip FROM "SignInAttempt" WHERE username LIKE 'proxy-ghost-c-%'`);
    expect(recorded.map((r) => r.ip)).toEqual(["2001:db8:7:1::/64"]);
    const nora = await sql<{ ip: string }>(`SELECT ip FROM "SignInAttempt" WHERE username = 'nora' AND ip IN ('198.51.100.7', '127.0.0.3')`);
    expect(nora.map((r) => r.ip).sort()).toEqual(["127.0.0.3", "198.51.100.7"]);
    expect(server.output()).toContain("X-Forwarded-For as written by TRUSTED_PROXIES=127.0.0.1");
  } finally {
    await stop(server);
  }
});
