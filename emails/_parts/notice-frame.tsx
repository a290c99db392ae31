// What every email of the app shares: the app's name over a heading, the body, and a footer under a
// rule, in one card. Named exports only: not a template of its own (`npm run email:dev` lists those).
import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

/** A paragraph of an email's body. */
export const paragraph = { color: "#1e293b", fontSize: 15, lineHeight: "24px", margin: "0 0 14px" };

export function NoticeFrame({ appName, preview, heading, footer, children }: { appName: string; preview: string; heading: string; footer: string; children: ReactNode }) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 560, padding: "32px 32px 24px", border: "1px solid #e2e8f0" }}>
          <Text style={{ color: "#1d4ed8", fontSize: 13, fontWeight: 600, letterSpacing: 1, margin: 0, textTransform: "uppercase" }}>{appName}</Text>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: 22, margin: "8px 0 16px" }}>
            {heading}
          </Heading>
          {children}
          <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0 16px" }} />
          <Section>
            <Text style={{ color: "#64748b", fontSize: 12, margin: 0 }}>{footer}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
