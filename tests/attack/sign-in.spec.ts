// Attacks on signing in: parallel guesses against the lockout, one client locking out everyone,
// probing other organizations through User Management's email check.
import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, idOf, signedIn, signInFrom, sql } from "../support/attack";

/**
 * Auth.js's answer to a credentials sign-in from `address` (one of this machine's 127.0.0.x: the
 * server counts clients by their connection): "ok", or the refusal code it put in the redirect.
 */
const attempt = (username: string, password: string, address: string) => signInFrom(address, username, password);

test("50 parallel wrong passwords for one username: at most 10 are checked, the rest refused as locked", async () => {
  const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => attempt("sam", `guess-${i}`, `127.0.0.${101 + i}`)));
  const checked = answers.filter((a) => a === "credentials").length;
  expect(checked, `checked ${checked} of 50`).toBeLessThanOrEqual(10);
  expect(answers.filter((a) => a === "locked")).toHaveLength(50 - checked);
  // Locked now even for the right password — until an administrator who may manage sam clears it.
  expect(await attempt("sam", DEMO_PASSWORD, "127.0.0.151")).toBe("locked");
  const gina = await signedIn("gina");
  expect((await gina.page("/admin/lockouts")).text).toContain("Sam South");
  const jane = await signedIn("jane");
  expect((await jane.page("/admin/lockouts")).status).toBe(404);
  const cleared = await gina.action("/admin/lockouts", "clearLockoutAction", { userId: await idOf("sam") });
  expect(cleared.text).toContain("Lockout cleared");
  expect(await attempt("sam", DEMO_PASSWORD, "127.0.0.152")).toBe("ok");
  expect(await sql(`SELECT 1 FROM "TimelineEvent" WHERE type = 'user.lockout_cleared' AND "subjectUserId" = $1`, [await idOf("sam")])).toHaveLength(1);
});

test("one client guessing across many usernames is throttled before it can lock them all out", async () => {
  const ip = "127.0.0.203";
  // Thirty failures from one address, six per username: none of the five is locked by them.
  await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(`ghost-${i % 5}`, "guess", ip)));
  expect(await attempt("nora", DEMO_PASSWORD, ip)).toBe("throttled");
  expect(await attempt("nora", DEMO_PASSWORD, "127.0.0.204")).toBe("ok"); // nora herself is fine
  const [{ count }] = (await sql<{ count: string }>(`SELECT count(*) FROM "SignInAttempt" WHERE ip = $1 AND refused`, [ip])) as [{ count: string }];
  expect(Number(count)).toBeGreaterThanOrEqual(1);
});

test("creating a user with another organization's email reveals nothing: addresses are unique per organization", async () => {
  const gina = await signedIn("gina");
  const [root] = await sql<{ id: string }>(`SELECT l.id FROM "Location" l JOIN "Organization" o ON o.id = l."organizationId" WHERE o.name = 'Acme Health' AND l."parentId" IS NULL`);
  const created = await gina.action("/admin/users/new", "createUserAction", {
    username: "probe-gabe",
    name: "Probe Gabe",
    email: "gabe@globex.test",
    locationId: root!.id,
    password: "a-long-initial-password",
  });
  expect(created.text).not.toContain("already has this email");
  expect(await sql(`SELECT 1 FROM "User" WHERE username = 'probe-gabe' AND email = 'gabe@globex.test'`)).toHaveLength(1);
  // Within one's own organization an address is still taken.
  const taken = await gina.action("/admin/users/new", "createUserAction", {
    username: "probe-jane",
    name: "Probe Jane",
    email: "jane@acme.test",
    locationId: root!.id,
    password: "a-long-initial-password",
  });
  expect(taken.text).toContain("Another user in your organization already has this email address.");
});
