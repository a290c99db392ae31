// The email a user's previous address gets when an administrator changes it: so that changing a
// user's address first cannot quietly take over where their notices go. `npm run email:dev`
// previews it with the sample data below.
import { Body, Container, Head, Heading, Hr, Html, Preview, Section, Text } from "@react-email/components";

export type EmailChangedProps = {
  appName: string;
  userName: string;
  changedBy: string;
  /** The new address, or null when it was removed. */
  newAddress: string | null;
};

export const emailChangedSubject = ({ appName }: Pick<EmailChangedProps, "appName">) => `${appName}: Your email address was changed`;

export default function EmailChanged({ appName, userName, changedBy, newAddress }: EmailChangedProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`The email address of your ${appName} account was changed.`}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 560, padding: "32px 32px 24px", border: "1px solid #e2e8f0" }}>
          <Text style={{ color: "#1d4ed8", fontSize: 13, fontWeight: 600, letterSpacing: 1, margin: 0, textTransform: "uppercase" }}>{appName}</Text>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: 22, margin: "8px 0 16px" }}>
            Account Notification
          </Heading>
          <Text style={paragraph}>{`Hello ${userName},`}</Text>
          <Text style={paragraph}>
            {newAddress
              ? `${changedBy} changed the email address of your ${appName} account to ${newAddress}.`
              : `${changedBy} removed the email address of your ${appName} account.`}{" "}
            Notices about your account will go there from now on; this address still hears of any administrator signing
            in as you for the next 30 days.
          </Text>
          <Text style={paragraph}>{`If you did not expect this, please contact ${changedBy} or another administrator.`}</Text>
          <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0 16px" }} />
          <Section>
            <Text style={{ color: "#64748b", fontSize: 12, margin: 0 }}>{`This is an automatic security notice from ${appName}.`}</Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

const paragraph = { color: "#1e293b", fontSize: 15, lineHeight: "24px", margin: "0 0 14px" };

EmailChanged.PreviewProps = {
  appName: "Kaizen Hub",
  userName: "Jane Doe",
  changedBy: "Gina Global",
  newAddress: "jane.doe@example.test",
} satisfies EmailChangedProps;
