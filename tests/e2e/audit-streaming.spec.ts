// Audit streaming end to end through the UI, in Chromium against the production build, to a
// receiver in this test on 127.0.0.1 (the e2e server runs with AUDIT_STREAM_ALLOW_PRIVATE=1): add
// an endpoint and see its secret once, Send test event, see it under Deliveries, replay it (the same
// webhook-id again), pause (nothing goes) and resume (what waited goes, in order). Every delivery
// verifies with standardwebhooks. Axe checks each screen. In an organization of its own.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { createOrganization, expect, signInAs, test } from "../support/e2e";

test.describe.configure({ mode: "serial" });

const tag = Math.random().toString(36).slice(2, 7);
const admin = `tony-${tag}`;

type Got = { id: string; type: string; body: string; headers: Record<string, string> };
const got: Got[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c: Buffer) => (body += c.toString()));
  req.on("end", () => {
    got.push({ id: String(req.headers["webhook-id"]), type: (JSON.parse(body) as { type: string }).type, body, headers: req.headers as Record<string, string> });
    res.end("ok");
  });
});

test.beforeAll(async () => {
  await createOrganization(`Stark ${tag}`, [{ username: admin, name: "Tony Stark", email: `tony-${tag}@stark.test`, perms: ["GLOBAL_USER_ADMIN", "IMPERSONATE_USER"] }]);
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
});
test.afterAll(() => new Promise<void>((r) => receiver.close(() => r())));

async function expectAccessible(page: Page, where: string) {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]).analyze();
  expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`), where).toEqual([]);
}

test("add an endpoint, send a test event, see it delivered, replay it, pause and resume", async ({ page }) => {
  test.setTimeout(90_000);
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${tag}`;
  await signInAs(page, admin);
  await page.goto("/admin/users");
  await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Audit streaming" }).click();
  await expect(page.getByRole("heading", { name: "Audit streaming" })).toBeVisible();
  await expectAccessible(page, "Audit streaming, empty");

  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("It receives").selectOption("BOTH");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("signing-secret").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  const row = page.getByTestId("endpoint-row");
  await expect(row).toContainText(url);
  await expectAccessible(page, "Audit streaming, with the secret shown once");
  await page.reload();
  await expect(page.getByTestId("signing-secret")).toHaveCount(0); // shown once, never again
  expect(await page.content()).not.toContain(secret.slice(6));

  // Send test event: delivered right after the response, signed.
  await row.getByRole("button", { name: `Send test event to ${url}` }).click();
  await expect(row.getByRole("status")).toContainText("Test event queued");
  await expect.poll(() => got.map((g) => g.type)).toEqual(["kaizen.stream.endpoint_added", "kaizen.test"]);
  const wh = new Webhook(secret);
  for (const g of got) expect(wh.verify(g.body, g.headers)).toBeTruthy();

  // Deliveries: both delivered; Replay sends the test again, under the same webhook-id.
  await row.getByRole("link", { name: `Deliveries to ${url}` }).click();
  await expect(page.getByRole("heading", { name: "Deliveries" })).toBeVisible();
  const deliveries = page.getByTestId("delivery-row");
  await expect(deliveries).toHaveCount(2);
  await expect(deliveries.first()).toContainText(/kaizen\.test.*Delivered.*#1.*HTTP 200/);
  await expectAccessible(page, "Deliveries");
  const testId = got[1]!.id;
  await deliveries.first().getByRole("button", { name: `Replay ${testId}` }).click();
  await expect.poll(() => got.length).toBe(3);
  expect(got[2]!.id).toBe(testId);
  expect(wh.verify(got[2]!.body, got[2]!.headers)).toBeTruthy();

  // Paused: what happens waits (the pause itself, a test event). Resumed: it all goes, in order.
  await page.goto("/admin/streaming");
  await row.getByRole("button", { name: `Pause ${url}` }).click();
  await expect(row.getByText(/^Paused: messages wait/)).toBeVisible();
  await row.getByRole("button", { name: `Send test event to ${url}` }).click();
  await expect(row).toContainText(/waiting/);
  expect(got.map((g) => g.type).slice(3)).toEqual([]);
  await page.reload();
  await row.getByRole("button", { name: `Resume ${url}` }).click();
  await expect.poll(() => got.map((g) => g.type).slice(3)).toEqual(["kaizen.stream.endpoint_paused", "kaizen.test", "kaizen.stream.endpoint_resumed"]);
});
