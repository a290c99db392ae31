// The email outbox under load: 10,000 notices drained against the fake Resend API by 1, 2 and 4
// senders at once (each with its own connection pool, as separate instances would), counting what
// arrived — every message once, none lost, none twice. Then Resend's rate limit (2 requests a
// second per team, whatever the number of instances): a burst drained by 4 senders with and without
// the shared budget in PostgreSQL, the fake API enforcing the limit and counting per second.
import { createPrismaClient, type PrismaClient } from "@/lib/db/create-client";
import { drainOutbox } from "@/lib/email/outbox";
import { ResendTransport } from "@/lib/email/transport";
import { startFakeResend, type FakeResend } from "../lib/fake-resend";

export type ThroughputFigure = { senders: number; messages: number; seconds: number; perSecond: number; delivered: number; lost: number; duplicated: number };
export type RateFigure = { limiter: boolean; perSecondLimit: number; messages: number; senders: number; seconds: number; tooMany: number; busiestSecond: number; delivered: number };
export type OutboxFigures = { throughput: ThroughputFigure[]; rate: RateFigure[] };

async function enqueue(db: PrismaClient, n: number, prefix: string) {
  await db.$executeRawUnsafe(`TRUNCATE "EmailAttempt", "EmailMessage"`);
  await db.$executeRaw`
    INSERT INTO "EmailMessage" (id, "organizationId", kind, "toAddress", subject, html, text, "idempotencyKey", "nextAttemptAt", "createdAt")
    SELECT ${prefix} || i, o.id, 'bench', 'person-' || i || '@bench.test', 'Kaizen Hub: A Kaizen Hub Administrator has signed in as you',
           '<p>An administrator has temporarily signed in to your account.</p>', 'An administrator has temporarily signed in to your account.',
           ${prefix} || i, (now() AT TIME ZONE 'UTC') - interval '1 second', now() AT TIME ZONE 'UTC'
      FROM generate_series(1, ${n}::int) i, (SELECT id FROM "Organization" ORDER BY name LIMIT 1) o`;
}

/** One sender: drains until it finds nothing left to claim. */
async function sender(db: PrismaClient, transport: ResendTransport, rate?: { perSecond: number }) {
  for (;;) {
    const outcome = await drainOutbox(db, transport, rate ? { rate } : {});
    if (outcome.sent + outcome.retry + outcome.failed + outcome.logged === 0) return;
  }
}

async function drainWith(ownerUrl: string, fake: FakeResend, senders: number, rate?: { perSecond: number }) {
  const clients = Array.from({ length: senders }, () => createPrismaClient(ownerUrl, { max: 2 }));
  const transport = new ResendTransport("re_bench", "Kaizen Hub <notices@bench.test>");
  const t0 = performance.now();
  try {
    await Promise.all(clients.map((db) => sender(db, transport, rate)));
    return (performance.now() - t0) / 1000;
  } finally {
    await Promise.all(clients.map((db) => db.$disconnect()));
  }
}

export async function benchOutbox(ownerUrl: string, options: { messages: number; burst: number; log: (line: string) => void; limiter: boolean }): Promise<OutboxFigures> {
  const fake = await startFakeResend();
  process.env.RESEND_BASE_URL = fake.url;
  const db = createPrismaClient(ownerUrl, { max: 2 });
  const figures: OutboxFigures = { throughput: [], rate: [] };
  try {
    for (const senders of [1, 2, 4]) {
      const prefix = `t${senders}-`;
      await enqueue(db, options.messages, prefix);
      fake.reset();
      const seconds = await drainWith(ownerUrl, fake, senders);
      const keys = fake.requests.map((r) => String(r.headers["idempotency-key"]));
      const unique = new Set(keys).size;
      const sent = await db.emailMessage.count({ where: { status: "SENT" } });
      const figure = {
        senders,
        messages: options.messages,
        seconds,
        perSecond: options.messages / seconds,
        delivered: fake.delivered.length,
        lost: options.messages - Math.min(sent, unique),
        duplicated: keys.length - unique,
      };
      figures.throughput.push(figure);
      options.log(`outbox: ${options.messages.toLocaleString()} notices, ${senders} sender(s): ${figure.perSecond.toFixed(0)}/s, ${figure.lost} lost, ${figure.duplicated} sent twice`);
    }

    const perSecond = 2;
    for (const limiter of options.limiter ? [false, true] : [false]) {
      await enqueue(db, options.burst, limiter ? "rl-" : "rn-");
      fake.reset();
      fake.setRateLimit(perSecond);
      const from = Date.now();
      const seconds = await drainWith(ownerUrl, fake, 4, limiter ? { perSecond } : undefined);
      fake.setRateLimit(null);
      const figure = {
        limiter,
        perSecondLimit: perSecond,
        messages: options.burst,
        senders: 4,
        seconds,
        tooMany: fake.tooMany,
        busiestSecond: fake.busiestSecond(from),
        delivered: fake.delivered.length,
      };
      figures.rate.push(figure);
      options.log(
        `outbox rate (${perSecond}/s, ${limiter ? "shared budget" : "no budget"}): ${figure.delivered}/${figure.messages} delivered in ${seconds.toFixed(1)} s, ` +
          `${figure.tooMany} answered 429, busiest second ${figure.busiestSecond} requests`,
      );
    }
  } finally {
    await db.$disconnect();
    await fake.close();
  }
  return figures;
}
