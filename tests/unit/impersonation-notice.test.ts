import { describe, expect, it } from "vitest";
import { renderImpersonationNotice } from "@/lib/email/render";

describe("the impersonation notice email", () => {
  it("has the subject, header and body the README promises, naming the actor twice, in HTML and plain text", async () => {
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
