// The impersonation notice end to end (issue 6): with no RESEND_API_KEY the message goes to the
// local mailbox (the outbox row, sent by the local transport right after the sign-in response).
import { expect, test } from "@playwright/test";
import { impersonate, signInAs, sql } from "./fixtures";

type Row = { id: string; status: string; transport: string | null; subject: string; text: string; html: string };

test("gina impersonates jane: jane's message is in the local mailbox with gina's name", async ({ page }) => {
  await impersonate(page, "gina", "Jane Doe", "email check");
  const [session] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = 'email check'`);
  await expect
    .poll(async () => (await sql<Row>(`SELECT status FROM "EmailMessage" WHERE "impersonationSessionId" = $1`, [session!.id]))[0]?.status)
    .toBe("SENT");
  const [message] = await sql<Row & { toAddress: string }>(`SELECT * FROM "EmailMessage" WHERE "impersonationSessionId" = $1`, [session!.id]);
  expect(message).toMatchObject({ toAddress: "jane@acme.test", transport: "local", subject: "Kaizen Hub: A Kaizen Hub Administrator has signed in as you" });
  expect(message!.text).toContain("An administrator, Gina Global, has temporarily signed in to your account");
  expect(message!.text).toContain("If you have any questions, please contact Gina Global.");

  await page.getByRole("region", { name: "Impersonation Mode" }).getByRole("button", { name: "Sign Out" }).click();
  await signInAs(page, "gina");
  await page.goto(`/admin/impersonations/${session!.id}`);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "the notification email to Jane Doe was sent (jane@acme.test)" })).toHaveCount(1);
});

test("sid (internal) impersonates jane: no message, and the Admin Timeline says why", async ({ page }) => {
  await impersonate(page, "sid", "Jane Doe", "internal email check");
  const [session] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = 'internal email check'`);
  expect(await sql(`SELECT id FROM "EmailMessage" WHERE "impersonationSessionId" = $1`, [session!.id])).toHaveLength(0);
  await page.getByRole("region", { name: "Impersonation Mode" }).getByRole("button", { name: "Sign Out" }).click();
  await signInAs(page, "gina");
  await page.goto("/admin/timeline?type=impersonation.notice_skipped");
  await expect(
    page.getByTestId("timeline-entry").filter({ hasText: "Sid Support — no notification email to Jane Doe: the administrator is vendor support (internal)" }),
  ).not.toHaveCount(0);
});

test("gina impersonates sam (no email): the Admin Timeline says so", async ({ page }) => {
  await impersonate(page, "gina", "Sam South", "no email check");
  const [session] = await sql<{ id: string }>(`SELECT id FROM "ImpersonationSession" WHERE reason = 'no email check'`);
  expect(await sql(`SELECT id FROM "EmailMessage" WHERE "impersonationSessionId" = $1`, [session!.id])).toHaveLength(0);
  await page.getByRole("region", { name: "Impersonation Mode" }).getByRole("button", { name: "Sign Out" }).click();
  await signInAs(page, "gina");
  await page.goto(`/admin/impersonations/${session!.id}`);
  await expect(page.getByTestId("timeline-entry").filter({ hasText: "no notification email to Sam South: they have no email address" })).toHaveCount(1);
});
