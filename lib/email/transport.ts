// How a message leaves: Resend (the `resend` SDK, which honours RESEND_BASE_URL), or the log —
// the outbox row itself stays in the database (listed at /dev/mailbox in development) and a line is
// printed; such a message is "logged, not delivered", and everything that shows it says so.
import { Resend } from "resend";
import { emailTransportOf, type Env } from "@/lib/env";

export type OutgoingEmail = { id?: string; to: string; subject: string; html: string; text: string; idempotencyKey: string };

export type SendResult =
  /** `delivered`: the provider accepted it; false: only kept and logged. */
  | { ok: true; delivered: boolean; providerMessageId: string | null }
  | { ok: false; retryable: boolean; status: number | null; retryAfterMs: number | null; error: string };

export interface EmailTransport {
  readonly name: "resend" | "log";
  send(message: OutgoingEmail): Promise<SendResult>;
}

function retryAfterMs(value: string | undefined | null): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export class ResendTransport implements EmailTransport {
  readonly name = "resend" as const;
  private readonly client: Resend;

  constructor(
    apiKey: string,
    private readonly from: string,
  ) {
    this.client = new Resend(apiKey);
  }

  async send(message: OutgoingEmail): Promise<SendResult> {
    const { data, error, headers } = await this.client.emails.send(
      { from: this.from, to: message.to, subject: message.subject, html: message.html, text: message.text },
      // The same key on every attempt: Resend answers a repeat with the first result, never a second email.
      { idempotencyKey: message.idempotencyKey },
    );
    if (!error) return { ok: true, delivered: true, providerMessageId: data?.id ?? null };
    const status = typeof error.statusCode === "number" ? error.statusCode : null;
    // No status: the request never got an answer (network): worth retrying. 429 and 5xx: retry.
    // Any other 4xx: the message itself is refused; retrying would not help.
    const retryable = status === null || status === 429 || status >= 500;
    return { ok: false, retryable, status, retryAfterMs: retryAfterMs(headers?.["retry-after"]), error: `${error.name}: ${error.message}` };
  }
}

/**
 * No mail transport: the message is kept (the outbox row) and logged. In development the log shows
 * it in full; in production only that it was not delivered — never its body or its address.
 */
export class LogTransport implements EmailTransport {
  readonly name = "log" as const;

  constructor(private readonly verbose = process.env.NODE_ENV !== "production") {}

  async send(message: OutgoingEmail): Promise<SendResult> {
    if (this.verbose) {
      console.log(
        `\n[local mailbox] To: ${message.to}\n[local mailbox] Subject: ${message.subject}\n` +
          message.text
            .split("\n")
            .map((line) => `[local mailbox] ${line}`)
            .join("\n"),
      );
    } else {
      console.log(`[email] not delivered (EMAIL_TRANSPORT=log): message ${message.id ?? message.idempotencyKey}, kept in the outbox`);
    }
    return { ok: true, delivered: false, providerMessageId: null };
  }
}

export function transportFromEnv(env: Pick<Env, "RESEND_API_KEY" | "EMAIL_FROM" | "EMAIL_TRANSPORT">): EmailTransport {
  return emailTransportOf(env) === "resend" && env.RESEND_API_KEY && env.EMAIL_FROM
    ? new ResendTransport(env.RESEND_API_KEY, env.EMAIL_FROM)
    : new LogTransport();
}
