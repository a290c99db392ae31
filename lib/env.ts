// Every environment variable the app reads, parsed once with zod. A missing or malformed value
// stops the server at start (instrumentation.ts and scripts/run.ts call loadEnv) with a message
// naming the variable. Production asks for more than development: its own database, its own
// secret, and a decision about email. Edge-safe: middleware reads its limits and the secret here too.
// Every variable, its default and its meaning: docs/configuration.md (and .env.example).
import { z } from "zod";
import { parseTrustedProxies } from "@/lib/net/client-address";

const seconds = (fallback: number, max: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const baseSchema = z.object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({
        error:
          "is required: the postgresql:// connection string of your database, as the app's role (`npm run dev` and `npm run demo` start an embedded one; `npm start` never does)",
      })
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string"),
    /**
     * Connections one server process keeps open to DATABASE_URL at most. Every instance has its own
     * pool, so instances × this must stay under the database's (or its pooler's) limit: on serverless
     * (Vercel Fluid), where instances multiply with load, keep it small and use a pooled URL.
     */
    DATABASE_POOL_MAX: optionalString
      .pipe(z.coerce.number<string | undefined>({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100").optional())
      .transform((max) => max ?? 10),
    /** The owner's direct (unpooled) connection, for migrations: `npm run db:deploy`. */
    DIRECT_URL: optionalString.pipe(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// connection string").optional()),
    AUTH_SECRET: z
      .string({ error: "is required: generate one with `openssl rand -base64 33`" })
      .min(32, "must be at least 32 characters"),
    AUTH_URL: z.url().optional(),
    AUTH_TRUST_HOST: z.enum(["true", "false", "1", "0"]).optional(),
    /** Set by Vercel: Auth.js then trusts the Host header Vercel's edge sets. */
    VERCEL: optionalString,
    VERCEL_PROJECT_PRODUCTION_URL: optionalString,
    APP_NAME: z.string().trim().min(1).max(60).default("Kaizen Hub"),
    /** Ordinary sessions end after this much inactivity (NIST SP 800-63B AAL2 allows 30 minutes). */
    SESSION_IDLE_TIMEOUT_SECONDS: seconds(1800, 1800),
    /** Ordinary sessions end after this long whatever the activity (AAL2 allows 12 hours). */
    SESSION_MAX_AGE_SECONDS: seconds(43_200, 43_200),
    IMPERSONATION_IDLE_TIMEOUT_SECONDS: seconds(300, 1800),
    IMPERSONATION_MAX_DURATION_SECONDS: seconds(3600, 43_200),
    IMPERSONATION_REQUEST_TTL_SECONDS: seconds(300, 900),
    RESEND_API_KEY: optionalString,
    RESEND_BASE_URL: z.url().optional(),
    EMAIL_FROM: optionalString,
    /**
     * How email leaves: `resend` (the default with RESEND_API_KEY), or `log` — kept and logged, not
     * delivered, and called so wherever it shows (the default in development only).
     */
    EMAIL_TRANSPORT: z.enum(["resend", "log"], { error: "must be resend or log" }).optional(),
    /**
     * Resend's rate limit (requests a second per team, shared by every instance and key): the
     * senders together keep under it, the budget kept in PostgreSQL. 0: no limit of our own.
     */
    RESEND_MAX_PER_SECOND: z.coerce.number({ error: "must be a number" }).min(0, "must be 0 or more").max(1000, "must be at most 1000").default(2),
    CRON_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    /**
     * 1: audit streams may deliver to loopback, private and other non-public addresses, over http://
     * too (lib/streaming/http.ts). Off in production; the development server always allows them.
     */
    AUDIT_STREAM_ALLOW_PRIVATE: z.enum(["1", "0", "true", "false"], { error: "must be 1 or 0" }).optional(),
    /**
     * How often a Node server runs the scheduler (lib/jobs/scheduler.ts) on its own. 0: never — an
     * external scheduler calls /api/cron/sweep instead (and tests that must see every write).
     */
    SCHEDULER_INTERVAL_SECONDS: optionalString
      .pipe(z.coerce.number<string | undefined>({ error: "must be a number" }).int("must be a whole number").min(0, "must be 0 or more").max(3600, "must be at most 3600").optional())
      .transform((seconds) => seconds ?? 60),
    /**
     * Whose X-Forwarded-For to believe on a Node server: a hop count, or addresses, CIDR ranges and
     * loopback / linklocal / uniquelocal (lib/net/client-address.ts). Unset: the connection's address.
     */
    TRUSTED_PROXIES: optionalString.superRefine((value, ctx) => {
      const parsed = parseTrustedProxies(value);
      if ("error" in parsed) ctx.addIssue({ code: "custom", message: parsed.error });
    }),
    /** The port `npm run dev` / `npm start` / `npm run demo` listen on. */
    PORT: optionalString
      .pipe(z.coerce.number<string | undefined>({ error: "must be a port number" }).int("must be a port number").min(1, "must be a port number").max(65_535, "must be a port number").optional())
      .transform((port) => port ?? 3000),
    /** The address `npm start` listens on (scripts/start.mjs checks it too, before the server starts). */
    BIND_ADDRESS: optionalString.pipe(
      z.union([z.ipv4(), z.ipv6(), z.literal("localhost")], {
        error: "must be an IP address to listen on: 0.0.0.0 (every interface), 127.0.0.1 (this machine only), :: (IPv6)",
      }).optional(),
    ),
    /** How long `npm start` finishes requests in flight on SIGTERM. */
    SHUTDOWN_TIMEOUT_SECONDS: optionalString
      .pipe(z.coerce.number<string | undefined>({ error: "must be a number" }).int("must be a whole number").min(0, "must be 0 or more").max(3600, "must be at most 3600").optional())
      .transform((seconds) => seconds ?? 25),
    /**
     * How many Argon2id hashes (sign-ins, password changes) one server process runs at once; the
     * rest wait their turn. Default: one per CPU but one, leaving one of libuv's threads free (lib/auth/hash-slots.ts).
     */
    ARGON2_CONCURRENCY: optionalString.pipe(z.coerce.number<string | undefined>({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(256, "must be at most 256").optional()),
});

export const envSchema = baseSchema.superRefine((value, ctx) => {
    if (value.IMPERSONATION_IDLE_TIMEOUT_SECONDS > value.SESSION_IDLE_TIMEOUT_SECONDS) {
      ctx.addIssue({
        code: "custom",
        path: ["IMPERSONATION_IDLE_TIMEOUT_SECONDS"],
        message: "must not exceed SESSION_IDLE_TIMEOUT_SECONDS",
      });
    }
    if (value.RESEND_API_KEY && !value.EMAIL_FROM) {
      ctx.addIssue({ code: "custom", path: ["EMAIL_FROM"], message: "is required when RESEND_API_KEY is set" });
    }
    const trustsHost = value.AUTH_TRUST_HOST === "true" || value.AUTH_TRUST_HOST === "1" || Boolean(value.VERCEL);
    if (value.NODE_ENV === "production" && !value.AUTH_URL && !trustsHost) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_URL"],
        message:
          "is required in production: the public URL people open (https://kaizen.example.com); or AUTH_TRUST_HOST=true behind a proxy you trust to set the Host header",
      });
    }
    // Delivered email links back to the app (the summary's Items, Account access): behind a trusted
    // proxy without AUTH_URL, a background sender has no host to use, and localhost links would go out.
    if (value.NODE_ENV === "production" && value.RESEND_API_KEY && value.EMAIL_TRANSPORT !== "log" && !value.AUTH_URL && !value.VERCEL_PROJECT_PRODUCTION_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_URL"],
        message: "is required in production to send email: links in emails start with it (https://kaizen.example.com)",
      });
    }
    if (value.EMAIL_TRANSPORT === "resend" && !value.RESEND_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["RESEND_API_KEY"], message: "is required with EMAIL_TRANSPORT=resend" });
    }
    if (value.NODE_ENV === "production" && !value.RESEND_API_KEY && !value.EMAIL_TRANSPORT) {
      ctx.addIssue({
        code: "custom",
        path: ["EMAIL_TRANSPORT"],
        message:
          "is required in production without RESEND_API_KEY: set RESEND_API_KEY and EMAIL_FROM to send email, or EMAIL_TRANSPORT=log to keep and log messages without delivering them",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/**
 * Where people reach the app, for links in emails: AUTH_URL's origin, else Vercel's production
 * domain, else this machine on PORT.
 */
export function publicBaseUrl(source: Record<string, string | undefined> = process.env): string {
  try {
    if (source.AUTH_URL) return new URL(source.AUTH_URL).origin;
  } catch {
    // validated at start; fall through
  }
  if (source.VERCEL_PROJECT_PRODUCTION_URL) return `https://${source.VERCEL_PROJECT_PRODUCTION_URL}`;
  return `http://localhost:${source.PORT || 3000}`;
}

/** The shared send budget the outbox keeps to (Resend only; none when 0 or when email is only logged). */
export function sendBudgetOf(env: Pick<Env, "EMAIL_TRANSPORT" | "RESEND_API_KEY" | "RESEND_MAX_PER_SECOND">): { perSecond: number } | undefined {
  return emailTransportOf(env) === "resend" && env.RESEND_MAX_PER_SECOND > 0 ? { perSecond: env.RESEND_MAX_PER_SECOND } : undefined;
}

/** How email leaves, as configured: delivered by Resend, or only kept and logged. */
export function emailTransportOf(env: Pick<Env, "EMAIL_TRANSPORT" | "RESEND_API_KEY">): "resend" | "log" {
  return env.EMAIL_TRANSPORT ?? (env.RESEND_API_KEY ? "resend" : "log");
}

/**
 * The source without its empty values: a copied .env.example says `NAME=`, which @next/env loads as
 * "", and an empty value means unset everywhere (the defaults apply, a required one is missing).
 */
export function withoutEmptyValues(source: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).filter(([, value]) => value?.trim()));
}

/**
 * Deletes the empty variables from `target` (process.env): for the readers that are not ours
 * (Auth.js takes AUTH_URL="" as "do not trust the host", Next.js PORT="" as a port).
 */
export function unsetEmptyVariables(target: Record<string, string | undefined> = process.env): void {
  for (const [name, value] of Object.entries(target)) if (!value?.trim()) delete target[name];
}

export class EnvError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parses `source`; throws an EnvError listing every bad variable by name. */
export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(withoutEmptyValues(source));
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`));
  }
  return result.data;
}

const limitsSchema = baseSchema.pick({
  SESSION_IDLE_TIMEOUT_SECONDS: true,
  SESSION_MAX_AGE_SECONDS: true,
  IMPERSONATION_IDLE_TIMEOUT_SECONDS: true,
  IMPERSONATION_MAX_DURATION_SECONDS: true,
});

export type SessionLimits = z.infer<typeof limitsSchema>;

/** Just the session limits: what the edge middleware needs, without requiring server-only variables. */
export function sessionLimits(source: Record<string, string | undefined> = process.env): SessionLimits {
  const limits = limitsSchema.parse(withoutEmptyValues(source));
  return {
    ...limits,
    IMPERSONATION_IDLE_TIMEOUT_SECONDS: Math.min(limits.IMPERSONATION_IDLE_TIMEOUT_SECONDS, limits.SESSION_IDLE_TIMEOUT_SECONDS),
  };
}

let checkedSecret: string | undefined;

/**
 * Just AUTH_SECRET, checked (edge-safe: the middleware signs and reads with it): the one way code
 * gets the secret. Throws an EnvError when it is missing or too short, never signs with "".
 */
export function authSecret(source: Record<string, string | undefined> = process.env): string {
  const raw = source.AUTH_SECRET;
  if (raw !== undefined && raw === checkedSecret) return raw;
  const result = baseSchema.pick({ AUTH_SECRET: true }).safeParse(withoutEmptyValues(source));
  if (!result.success) throw new EnvError(result.error.issues.map((issue) => `AUTH_SECRET ${issue.message}`));
  checkedSecret = result.data.AUTH_SECRET;
  return checkedSecret;
}

/** Just ARGON2_CONCURRENCY: password hashing reads it wherever it runs (the app, the seed, scripts). */
export function argon2Concurrency(source: Record<string, string | undefined> = process.env): number | undefined {
  const result = baseSchema.pick({ ARGON2_CONCURRENCY: true }).safeParse(withoutEmptyValues(source));
  if (!result.success) throw new EnvError(result.error.issues.map((issue) => `ARGON2_CONCURRENCY ${issue.message}`));
  return result.data.ARGON2_CONCURRENCY;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
