// Standard Webhooks signing (https://www.standardwebhooks.com): each delivery carries
// `webhook-id` (the message's id, the same on every retry, so a receiver can drop duplicates),
// `webhook-timestamp` (seconds) and `webhook-signature`: "v1,<base64 HMAC-SHA256 of
// id.timestamp.body>" for each secret in use — after a rotation, the new secret's and, for 24 hours,
// the old one's, space-separated, so a receiver that has not switched yet still verifies. Signed by
// the `standardwebhooks` package, the specification's own reference library.
import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";

/** A new signing secret: "whsec_" and 32 random bytes in base64 (the specification's format). */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export type SignedHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

/** The three headers for `body`, signed with every secret in `secrets` (the newest first). */
export function signedHeaders(secrets: string[], messageId: string, at: Date, body: string): SignedHeaders {
  if (secrets.length === 0) throw new Error("No signing secret.");
  // Whole seconds: what the header carries is what was signed.
  const timestamp = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(timestamp.getTime() / 1000),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(messageId, timestamp, body)).join(" "),
  };
}
