import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { argon2Concurrency, authSecret, envSchema, EnvError, loadEnv, sessionLimits } from "@/lib/env";

const valid = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5432/kaizen",
  AUTH_SECRET: "x".repeat(44),
};

function problems(source: Record<string, string | undefined>): string[] {
  try {
    loadEnv(source);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).problems;
  }
}

describe("loadEnv", () => {
  it("applies the documented defaults", () => {
    const env = loadEnv(valid);
    expect(env).toMatchObject({
      APP_NAME: "Kaizen Hub",
      SESSION_IDLE_TIMEOUT_SECONDS: 1800,
      SESSION_MAX_AGE_SECONDS: 43_200,
      IMPERSONATION_IDLE_TIMEOUT_SECONDS: 300,
      IMPERSONATION_MAX_DURATION_SECONDS: 3600,
      IMPERSONATION_REQUEST_TTL_SECONDS: 300,
    });
    expect(env.RESEND_API_KEY).toBeUndefined();
  });

  it("runs the scheduler every minute unless told otherwise; an empty value is no value, 0 is off", () => {
    expect(loadEnv(valid).SCHEDULER_INTERVAL_SECONDS).toBe(60);
    expect(loadEnv({ ...valid, SCHEDULER_INTERVAL_SECONDS: "" }).SCHEDULER_INTERVAL_SECONDS).toBe(60);
    expect(loadEnv({ ...valid, SCHEDULER_INTERVAL_SECONDS: "0" }).SCHEDULER_INTERVAL_SECONDS).toBe(0);
    expect(loadEnv({ ...valid, SCHEDULER_INTERVAL_SECONDS: " 300 " }).SCHEDULER_INTERVAL_SECONDS).toBe(300);
    expect(problems({ ...valid, SCHEDULER_INTERVAL_SECONDS: "hourly" })).toEqual(["SCHEDULER_INTERVAL_SECONDS must be a number"]);
    expect(problems({ ...valid, SCHEDULER_INTERVAL_SECONDS: "-1" })).toEqual(["SCHEDULER_INTERVAL_SECONDS must be 0 or more"]);
  });

  it("names each missing or malformed variable", () => {
    expect(problems({})).toEqual([
      expect.stringMatching(/^DATABASE_URL is required/),
      expect.stringMatching(/^AUTH_SECRET is required/),
    ]);
    expect(problems({ ...valid, DATABASE_URL: "mysql://x" })).toEqual(["DATABASE_URL must be a postgresql:// connection string"]);
    expect(problems({ ...valid, AUTH_SECRET: "short" })).toEqual(["AUTH_SECRET must be at least 32 characters"]);
    expect(problems({ ...valid, IMPERSONATION_IDLE_TIMEOUT_SECONDS: "soon" })[0]).toMatch(/^IMPERSONATION_IDLE_TIMEOUT_SECONDS /);
    expect(problems({ ...valid, AUTH_URL: "not a url" })[0]).toMatch(/^AUTH_URL /);
  });

  it("keeps the limits inside NIST SP 800-63B AAL2 and the impersonation limit inside the ordinary one", () => {
    expect(problems({ ...valid, SESSION_IDLE_TIMEOUT_SECONDS: "3600" })[0]).toMatch(/^SESSION_IDLE_TIMEOUT_SECONDS /);
    expect(problems({ ...valid, SESSION_MAX_AGE_SECONDS: "86400" })[0]).toMatch(/^SESSION_MAX_AGE_SECONDS /);
    expect(problems({ ...valid, SESSION_IDLE_TIMEOUT_SECONDS: "120", IMPERSONATION_IDLE_TIMEOUT_SECONDS: "300" })).toEqual([
      "IMPERSONATION_IDLE_TIMEOUT_SECONDS must not exceed SESSION_IDLE_TIMEOUT_SECONDS",
    ]);
    expect(sessionLimits({ SESSION_IDLE_TIMEOUT_SECONDS: "120", IMPERSONATION_IDLE_TIMEOUT_SECONDS: "300" })).toMatchObject({
      IMPERSONATION_IDLE_TIMEOUT_SECONDS: 120,
    });
  });

  it("requires EMAIL_FROM with RESEND_API_KEY, and a long CRON_SECRET", () => {
    expect(problems({ ...valid, RESEND_API_KEY: "re_123" })).toEqual(["EMAIL_FROM is required when RESEND_API_KEY is set"]);
    expect(problems({ ...valid, CRON_SECRET: "short" })).toEqual(["CRON_SECRET must be at least 16 characters"]);
    expect(loadEnv({ ...valid, RESEND_API_KEY: "", CRON_SECRET: "" }).RESEND_API_KEY).toBeUndefined();
  });

  it("asks more of production: its own database, secret and public URL, and a decision about email", () => {
    expect(problems({ NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^DATABASE_URL is required: .*`npm start` never does/),
      expect.stringMatching(/^AUTH_SECRET is required/),
    ]);
    expect(problems({ ...valid, NODE_ENV: "production", EMAIL_TRANSPORT: "log" })).toEqual([
      expect.stringMatching(/^AUTH_URL is required in production: the public URL .* or AUTH_TRUST_HOST=true behind a proxy/),
    ]);
    expect(problems({ ...valid, NODE_ENV: "production", EMAIL_TRANSPORT: "log", AUTH_TRUST_HOST: "true" })).toEqual([]);
    expect(problems({ ...valid, NODE_ENV: "production", EMAIL_TRANSPORT: "log", VERCEL: "1" })).toEqual([]);
    const deployed = { ...valid, AUTH_URL: "https://kaizen.example.com" };
    expect(problems({ ...deployed, NODE_ENV: "production" })).toEqual([
      expect.stringMatching(/^EMAIL_TRANSPORT is required in production without RESEND_API_KEY: set RESEND_API_KEY and EMAIL_FROM .* or EMAIL_TRANSPORT=log/),
    ]);
    expect(problems({ ...deployed, NODE_ENV: "production", EMAIL_TRANSPORT: "log" })).toEqual([]);
    expect(problems({ ...deployed, NODE_ENV: "production", RESEND_API_KEY: "re_1", EMAIL_FROM: "a@b.test" })).toEqual([]);
    // Delivered email links back to the app: it needs the public URL, not the proxy's trust alone.
    const mailing = { ...valid, NODE_ENV: "production", RESEND_API_KEY: "re_1", EMAIL_FROM: "a@b.test" };
    expect(problems({ ...mailing, AUTH_TRUST_HOST: "true" })).toEqual([expect.stringMatching(/^AUTH_URL is required in production to send email: links in emails start with it/)]);
    expect(problems({ ...mailing, VERCEL: "1", VERCEL_PROJECT_PRODUCTION_URL: "kaizen.vercel.app" })).toEqual([]);
    expect(problems({ ...valid, EMAIL_TRANSPORT: "resend" })).toEqual(["RESEND_API_KEY is required with EMAIL_TRANSPORT=resend"]);
    expect(problems({ ...valid, EMAIL_TRANSPORT: "smtp" })[0]).toMatch(/^EMAIL_TRANSPORT must be resend or log/);
    // Development keeps working with nothing but the embedded database: email is logged.
    expect(loadEnv(valid).EMAIL_TRANSPORT).toBeUndefined();
  });

  it("checks where and how the server listens and stops: PORT, BIND_ADDRESS, SHUTDOWN_TIMEOUT_SECONDS", () => {
    expect(loadEnv(valid)).toMatchObject({ PORT: 3000, SHUTDOWN_TIMEOUT_SECONDS: 25 });
    expect(loadEnv(valid).BIND_ADDRESS).toBeUndefined();
    expect(loadEnv({ ...valid, PORT: "8080", BIND_ADDRESS: "127.0.0.1", SHUTDOWN_TIMEOUT_SECONDS: "0" })).toMatchObject({ PORT: 8080, BIND_ADDRESS: "127.0.0.1", SHUTDOWN_TIMEOUT_SECONDS: 0 });
    expect(loadEnv({ ...valid, BIND_ADDRESS: "::" }).BIND_ADDRESS).toBe("::");
    expect(problems({ ...valid, PORT: "http" })).toEqual(["PORT must be a port number"]);
    expect(problems({ ...valid, PORT: "70000" })).toEqual(["PORT must be a port number"]);
    expect(problems({ ...valid, BIND_ADDRESS: "all" })).toEqual([expect.stringMatching(/^BIND_ADDRESS must be an IP address to listen on: 0\.0\.0\.0/)]);
    expect(problems({ ...valid, BIND_ADDRESS: "0.0.0.0:3000" })[0]).toMatch(/^BIND_ADDRESS must be an IP address/);
    expect(problems({ ...valid, SHUTDOWN_TIMEOUT_SECONDS: "25s" })).toEqual(["SHUTDOWN_TIMEOUT_SECONDS must be a number"]);
    expect(problems({ ...valid, SHUTDOWN_TIMEOUT_SECONDS: "-1" })).toEqual(["SHUTDOWN_TIMEOUT_SECONDS must be 0 or more"]);
  });

  it("sizes each process's database pool with DATABASE_POOL_MAX: 10 unless given, a whole number from 1 to 100", () => {
    expect(loadEnv(valid).DATABASE_POOL_MAX).toBe(10);
    expect(loadEnv({ ...valid, DATABASE_POOL_MAX: "" }).DATABASE_POOL_MAX).toBe(10);
    expect(loadEnv({ ...valid, DATABASE_POOL_MAX: "3" }).DATABASE_POOL_MAX).toBe(3);
    expect(problems({ ...valid, DATABASE_POOL_MAX: "0" })).toEqual(["DATABASE_POOL_MAX must be at least 1"]);
    expect(problems({ ...valid, DATABASE_POOL_MAX: "2.5" })).toEqual(["DATABASE_POOL_MAX must be a whole number"]);
    expect(problems({ ...valid, DATABASE_POOL_MAX: "many" })).toEqual(["DATABASE_POOL_MAX must be a number"]);
  });

  it("reads TRUSTED_PROXIES as a hop count or addresses and ranges, empty as unset, and names a bad one", () => {
    expect(loadEnv({ ...valid, TRUSTED_PROXIES: "" }).TRUSTED_PROXIES).toBeUndefined();
    expect(loadEnv({ ...valid, TRUSTED_PROXIES: "1" }).TRUSTED_PROXIES).toBe("1");
    expect(loadEnv({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8, fd00::/8, loopback" }).TRUSTED_PROXIES).toBe("10.0.0.0/8, fd00::/8, loopback");
    expect(problems({ ...valid, TRUSTED_PROXIES: "10.0.0.0/8, my-proxy" })).toEqual([
      'TRUSTED_PROXIES has "my-proxy", which is not an address, a CIDR range (10.0.0.0/8, fd00::/8) or loopback, linklocal, uniquelocal; or give a hop count (1)',
    ]);
    expect(problems({ ...valid, TRUSTED_PROXIES: "true" })[0]).toMatch(/^TRUSTED_PROXIES has "true"/);
    expect(problems({ ...valid, TRUSTED_PROXIES: "99" })[0]).toMatch(/^TRUSTED_PROXIES is a hop count above 10/);
  });
});

// A copied .env.example writes `NAME=`: @next/env loads that as "", which must mean unset.
describe("an empty value", () => {
  const required = ["DATABASE_URL", "AUTH_SECRET"];
  const optional = Object.keys(envSchema.shape).filter((name) => !required.includes(name));
  const deployed = { ...valid, NODE_ENV: "production", AUTH_URL: "https://kaizen.example.com", EMAIL_TRANSPORT: "log" };

  it("of every optional variable loads as if it were unset, in development and production", () => {
    expect(optional.length).toBeGreaterThan(20);
    for (const base of [valid, deployed]) {
      for (const name of optional) {
        if (name in base) continue;
        for (const empty of ["", "  "]) expect(loadEnv({ ...base, [name]: empty }), `${name}="${empty}"`).toEqual(loadEnv(base));
      }
    }
    // Not 0, which would turn the rate limit off.
    expect(loadEnv({ ...valid, RESEND_MAX_PER_SECOND: "" }).RESEND_MAX_PER_SECOND).toBe(2);
  });

  it("of a required variable says it is required", () => {
    expect(problems({ DATABASE_URL: "", AUTH_SECRET: " " })).toEqual([
      expect.stringMatching(/^DATABASE_URL is required/),
      expect.stringMatching(/^AUTH_SECRET is required/),
    ]);
    expect(problems({ ...deployed, AUTH_URL: "" })[0]).toMatch(/^AUTH_URL is required in production/);
    expect(problems({ ...deployed, EMAIL_TRANSPORT: "" })[0]).toMatch(/^EMAIL_TRANSPORT is required in production/);
  });

  it("is unset for the edge's and the scripts' readers too", () => {
    expect(sessionLimits({ SESSION_IDLE_TIMEOUT_SECONDS: "", IMPERSONATION_IDLE_TIMEOUT_SECONDS: "" })).toEqual(sessionLimits({}));
    expect(() => authSecret({ AUTH_SECRET: "" })).toThrow(/AUTH_SECRET is required/);
    expect(argon2Concurrency({ ARGON2_CONCURRENCY: "" })).toBeUndefined();
  });
});

describe("authSecret", () => {
  it("is checked: missing or short is an error naming AUTH_SECRET", () => {
    expect(authSecret(valid)).toBe(valid.AUTH_SECRET);
    expect(() => authSecret({})).toThrow(EnvError);
    expect(() => authSecret({})).toThrow(/AUTH_SECRET is required/);
    expect(() => authSecret({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32 characters/);
  });

  it("is read from process.env nowhere in the app but here", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const files = ["middleware.ts", "auth.ts", "auth.config.ts", "instrumentation.ts", "instrumentation-node.ts"];
    for (const dir of ["app", "lib", "components"]) {
      for (const entry of await readdir(path.join(root, dir), { recursive: true })) {
        if (/\.tsx?$/.test(entry) && !entry.startsWith("generated")) files.push(path.join(dir, entry));
      }
    }
    const direct = /process\.env\s*(\.\s*AUTH_SECRET\b|\[\s*["'`]AUTH_SECRET)|\bAUTH_SECRET\b[^}]*\}\s*=\s*process\.env/;
    const readers: string[] = [];
    for (const file of files) if (file !== "lib/env.ts" && direct.test(await readFile(path.join(root, file), "utf8"))) readers.push(file);
    expect(files.length).toBeGreaterThan(50);
    expect(readers).toEqual([]);
  });
});
