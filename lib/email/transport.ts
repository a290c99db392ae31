// How a message leaves: Resend (the `resend` SDK, which honours RESEND_BASE_URL) when
// RESEND_API_KEY and EMAIL_FROM are set, otherwise the local mailbox: the outbox row itself, in
// the database, printed to the server log and listed at /dev/mailbox outside production.
import { Resend } from "resend";

export type OutgoingEmail = { to: string; subject: string; html: string; text: string; idempotencyKey: string };

export type SendResult =
  | { ok: true; providerMessageId: string | null }
  | { ok: false; retryable: boolean; status: number | null; retryAfterMs: number | null; error: string };

export interface EmailTransport {
  readonly name: "resend" | "local";
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
    if (!error) return { ok: true, providerMessageId: data?.id ?? null };
    const status = typeof error.statusCode === "number" ? error.statusCode : null;
    // No status: the request never got an answer (network): worth retrying. 429 and 5xx: retry.
    // Any other 4xx: the message itself is refused; retrying would not help.
    const retryable = status === null || status === 429 || status >= 500;
    return { ok: false, retryable, status, retryAfterMs: retryAfterMs(headers?.["retry-after"]), error: `${error.name}: ${error.message}` };
  }
}

class LocalMailboxTransport implements EmailTransport {
  readonly name = "local" as const;

  async send(message: OutgoingEmail): Promise<SendResult> {
    console.log(
      `\n[local mailbox] To: ${message.to}\n[local mailbox] Subject: ${message.subject}\n` +
        message.text
          .split("\n")
          .map((line) => `[local mailbox] ${line}`)
          .join("\n"),
    );
    return { ok: true, providerMessageId: null };
  }
}

export function transportFromEnv(env: { RESEND_API_KEY?: string; EMAIL_FROM?: string }): EmailTransport {
  return env.RESEND_API_KEY && env.EMAIL_FROM ? new ResendTransport(env.RESEND_API_KEY, env.EMAIL_FROM) : new LocalMailboxTransport();
}
