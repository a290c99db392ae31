// Reads do not write: every page and GET route of the build, opened by each kind of viewer —
// Global, Local and internal administrators, a user with no permissions, an administrator
// impersonating that user, and nobody — changes no row of the database. A row-level trigger on every
// table logs each write while they read; the one write a read may cause is an impersonation's own
// activity (lastActivityAt, after the response). One impersonation has run out and its end is not
// recorded yet: the pages show it ended, and leave recording it to the scheduler.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { projectRoot } from "@/scripts/lib/migrations";
import { ATTACK_BASE, Client, idOf, impersonating, signedIn, sql } from "../support/attack";

/** What a browser sends when the user follows a link of the app (their own doing). */
const CLICKED = { "sec-fetch-site": "same-origin", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document", "sec-fetch-user": "?1" };

const INSTALL = `
  CREATE TABLE IF NOT EXISTS kaizen_test_writes (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL);
  CREATE OR REPLACE FUNCTION kaizen_test_log_write() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN INSERT INTO kaizen_test_writes (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$;
  DO $$ DECLARE t text; BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('kaizen_test_writes', '_prisma_migrations') LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS kaizen_test_writes ON %I', t);
      EXECUTE format('CREATE TRIGGER kaizen_test_writes AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION kaizen_test_log_write()', t);
    END LOOP; END $$;`;
const UNINSTALL = `
  DO $$ DECLARE t text; BEGIN
    FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP
      EXECUTE format('DROP TRIGGER IF EXISTS kaizen_test_writes ON %I', t);
    END LOOP; END $$;
  DROP FUNCTION IF EXISTS kaizen_test_log_write();
  DROP TABLE IF EXISTS kaizen_test_writes;`;

const ENDPOINT_ID = `reads-endpoint-${Date.now()}`;

/**
 * An audit stream of the demo organization for the streaming pages to show, paused (its messages
 * wait; nothing is sent from this server), with one delivery and its attempt. Deleted at the end.
 */
async function pausedEndpoint(): Promise<string> {
  const [jane] = await sql<{ organizationId: string }>(`SELECT "organizationId" FROM "User" WHERE username = 'jane'`);
  await sql(
    `INSERT INTO "AuditStreamEndpoint" (id, "organizationId", url, scope, status, secret, "createdById") VALUES ($1, $2, 'https://siem.example.test/hook', 'BOTH', 'PAUSED', 'whsec_cmVhZHMtc3BlYy1zZWNyZXQtbm90LXVzZWQtMTIzNA==', $3)`,
    [ENDPOINT_ID, jane!.organizationId, await idOf("gina")],
  );
  await sql(`INSERT INTO "AuditDelivery" (id, "endpointId", "messageId", type, body, status, attempts, "deliveredAt") VALUES ($1, $2, 'msg_reads', 'kaizen.test', '{}', 'DELIVERED', 1, now())`, [`${ENDPOINT_ID}-d`, ENDPOINT_ID]);
  await sql(`INSERT INTO "AuditDeliveryAttempt" (id, "deliveryId", number, "startedAt", "finishedAt", "httpStatus", excerpt) VALUES ($1, $2, 1, now(), now(), 200, 'ok')`, [`${ENDPOINT_ID}-a`, `${ENDPOINT_ID}-d`]);
  return ENDPOINT_ID;
}

/** Every page and GET route the build has (its own manifest), with real ids for the dynamic ones. */
async function everyPath(): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(path.join(projectRoot, ".next", "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
  const [item] = await sql<{ id: string }>(`SELECT id FROM "Item" ORDER BY "createdAt" LIMIT 1`);
  const [board] = await sql<{ id: string }>(`SELECT b.id FROM "Board" b JOIN "User" u ON u.id = b."ownerId" WHERE u.username = 'jane' LIMIT 1`);
  const [impersonation] = await sql<{ id: string }>(`SELECT s.id FROM "ImpersonationSession" s JOIN "User" t ON t.id = s."targetId" WHERE t.username = 'jane' ORDER BY s."startedAt" DESC LIMIT 1`);
  const ids: Record<string, string> = {
    "/items/[id]": item!.id,
    "/boards/[id]": board!.id,
    "/admin/users/[id]": await idOf("jane"),
    "/admin/impersonations/[id]": impersonation!.id,
    "/account/access/[id]": impersonation!.id,
    "/admin/streaming/[id]": await pausedEndpoint(),
  };
  const paths = Object.values(manifest)
    .filter((route) => !route.startsWith("/_") && route !== "/api/cron/sweep" && route !== "/api/auth/[...nextauth]")
    .map((route) => {
      const id = Object.hasOwn(ids, route) ? ids[route] : undefined;
      if (route.includes("[") && !id) throw new Error(`no id for ${route}: add one above`);
      return id ? route.replace(/\[[^\]]+\]$/, id) : route;
    });
  expect(paths.length).toBeGreaterThan(20);
  return [
    ...paths,
    // Auth.js's own reads, the console's filters and exports, and the sign-in page's notices.
    "/api/auth/session",
    "/api/auth/csrf",
    "/admin/impersonations?status=active",
    "/admin/impersonations?status=ended&endReason=INACTIVITY",
    "/admin/impersonations/export?format=csv",
    "/admin/impersonations/export?format=json",
    "/people?q=a",
    "/sign-in?notice=inactivity",
  ];
}

/** Several statements at once, as the database's owner. */
async function ownerScript(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: process.env.ATTACK_DIRECT_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

const writes = () => sql<{ tbl: string; op: string }>(`SELECT tbl, op FROM kaizen_test_writes ORDER BY id`);

test("no page or GET route writes, whoever reads it", async () => {
  test.setTimeout(240_000);
  // Everyone signs in (a sign-in writes: it is a POST), and gina impersonates Jane Doe.
  const viewers: Record<string, Client> = {
    "gina (Global administrator)": await signedIn("gina", CLICKED),
    "luis (Local administrator)": await signedIn("luis", CLICKED),
    "sid (internal administrator)": await signedIn("sid", CLICKED),
    "jane (no permissions)": await signedIn("jane", CLICKED),
    "nobody": new Client(ATTACK_BASE, CLICKED),
  };
  const asJane = await impersonating("gina", "jane", `reads ${Date.now()}`);
  // luis's impersonation of Jane Doe ran out 20 s ago (this server's idle limit is 10 s).
  const ranOutReason = `reads, ran out ${Date.now()}`;
  await impersonating("luis", "jane", ranOutReason);
  // The scheduler catches up first (ends what ran out in earlier files, sends the email due in the
  // next minutes): its writes are its own, not a read's.
  const catchUp = () => new Client().request("/api/cron/sweep", { headers: { authorization: `Bearer ${process.env.CRON_SECRET}` } });
  await expect
    .poll(async () => {
      expect((await catchUp()).status).toBe(200);
      return (await sql(`SELECT 1 FROM "EmailMessage" WHERE status = 'PENDING' AND "nextAttemptAt" < now() + interval '3 minutes'`)).length;
    }, { timeout: 30_000 })
    .toBe(0);
  await sql(`UPDATE "ImpersonationSession" SET "startedAt" = now() - interval '30 seconds', "lastActivityAt" = now() - interval '30 seconds' WHERE reason = $1`, [ranOutReason]);
  const [ranOut] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = $1 AND status = 'ACTIVE'`, [ranOutReason]);
  const paths = [...(await everyPath()), `/admin/impersonations/${ranOut!.id}`, `/account/access/${ranOut!.id}`];

  await ownerScript(INSTALL);
  try {
    for (const [who, client] of Object.entries(viewers)) {
      for (const pathname of paths) {
        const { status } = await client.page(pathname);
        expect(status, `${who}: GET ${pathname}`).toBeLessThan(500);
      }
    }
    await new Promise((r) => setTimeout(r, 500)); // what runs after the responses
    expect(await writes(), "writes while reading, signed in as themselves and signed out").toEqual([]);
    // Shown as it truly is — ended for inactivity — while the database still says ACTIVE.
    expect((await viewers["gina (Global administrator)"]!.page(`/admin/impersonations/${ranOut!.id}`)).text).toMatch(/Ended(<!-- -->)?: inactivity/);
    expect((await viewers["jane (no permissions)"]!.page(`/account/access/${ranOut!.id}`)).text).toContain("inactivity");
    expect(await sql(`SELECT status FROM "ImpersonationSession" WHERE id = $1`, [ranOut!.id])).toEqual([{ status: "ACTIVE" }]);

    let opened = 0;
    for (const pathname of paths) {
      const { status } = await asJane.page(pathname, CLICKED);
      expect(status, `gina as Jane Doe: GET ${pathname}`).toBeLessThan(500);
      if (status === 200) opened++;
    }
    expect(opened, "the impersonation stayed live throughout").toBeGreaterThan(10);
    await new Promise((r) => setTimeout(r, 500));
    // Only the activity of the impersonation, recorded after the response.
    const during = await writes();
    expect(during.length).toBeGreaterThan(0);
    expect(new Set(during.map((w) => `${w.op} ${w.tbl}`))).toEqual(new Set(["UPDATE ImpersonationSession"]));
  } finally {
    await ownerScript(UNINSTALL);
    await sql(`DELETE FROM "AuditStreamEndpoint" WHERE id = $1`, [ENDPOINT_ID]);
  }
});
