import { describe, expect, it } from "vitest";
import { renderImpersonationNotice, renderImpersonationSummary } from "@/lib/email/render";

describe("the impersonation notice email", () => {
  it("has the subject, header and body docs/administrators.md promises, naming the actor twice, in HTML and plain text", async () => {
    const email = await renderImpersonationNotice({ appName: "Kaizen Hub", actorName: "Gina Global", targetName: "Jane Doe" });
    expect(email.subject).toBe("Kaizen Hub: A Kaizen Hub Administrator has signed in as you");
    expect(email.html).toMatch(/^<!DOCTYPE html/);
    expect(email.html).toContain("Account Notification");
    expect(email.html).toContain("<strong>Gina Global</strong>");
    expect(email.html).toContain("If you have any questions, please contact Gina Global.");

    expect(email.text).toContain("ACCOUNT NOTIFICATION");
    expect(email.text).toContain(
      "An administrator, Gina Global, has temporarily signed in to your account to troubleshoot issues, configure settings on your behalf, etc.",
    );
    expect(email.text).toContain("You keep full access to your account while they do. The administrator will sign out when done.");
    expect(email.text).toContain("If you have any questions, please contact Gina Global.");
    expect(email.text.match(/Gina Global/g)?.length).toBeGreaterThanOrEqual(2);
    expect(email.text).not.toContain("<");
  });

  it("takes the app name from configuration", async () => {
    const email = await renderImpersonationNotice({ appName: "Acme Improve", actorName: "Sid", targetName: "Sam" });
    expect(email.subject).toBe("Acme Improve: A Acme Improve Administrator has signed in as you");
  });
});

describe("the summary email when an impersonation ends", () => {
  const props = {
    appName: "Kaizen Hub",
    actorName: "Gina Global",
    targetName: "Jane Doe",
    startedAt: "28 Nov 2026, 10:00 CET",
    endedAt: "28 Nov 2026, 10:12 CET",
    duration: "12 minutes",
    endReason: "inactivity",
  };

  it("says who, how long, how it ended, and lists the first changes with links and a link to Account access", async () => {
    const changes = Array.from({ length: 20 }, (_, i) => ({ text: `Change ${i + 1}`, url: i % 2 ? null : `https://kaizen.test/items/${i}` }));
    const email = await renderImpersonationSummary({ ...props, changeCount: 25, changes, accessUrl: "https://kaizen.test/account/access/s1" });
    expect(email.subject).toBe("Kaizen Hub: An administrator has finished using your account");
    expect(email.text).toContain("Gina Global was signed in as you from 28 Nov 2026, 10:00 CET to 28 Nov 2026, 10:12 CET (12 minutes). It ended: inactivity.");
    expect(email.text).toContain("25 changes were made as you (the first 20 below):");
    expect(email.text).toContain("Change 20");
    expect(email.text).toContain("…and 5 more.");
    expect(email.html).toContain('href="https://kaizen.test/items/0"');
    expect(email.html).not.toContain('href="https://kaizen.test/items/1"');
    expect(email.html).toContain('href="https://kaizen.test/account/access/s1"');
  });

  it("says so when nothing was changed", async () => {
    const email = await renderImpersonationSummary({ ...props, changeCount: 0, changes: [], accessUrl: "https://kaizen.test/account/access/s2" });
    expect(email.text).toContain("Nothing was changed as you.");
    expect(email.text).not.toContain("more.");
  });

  it("to an address the user had before: counted, not listed", async () => {
    const changes = [{ text: "Edited the Item “Secret plan”", url: "https://kaizen.test/items/1" }];
    const email = await renderImpersonationSummary({ ...props, changeCount: 1, changes, accessUrl: "https://kaizen.test/account/access/s3", changesWithheld: true });
    expect(email.text).toContain("1 change was made as you. They are listed on Account access, not here: this address is no longer your account's.");
    expect(email.text).not.toContain("Secret plan");
    expect(email.html).not.toContain("kaizen.test/items/1");
    expect(email.html).toContain('href="https://kaizen.test/account/access/s3"');
  });
});
