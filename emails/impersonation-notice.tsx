// The email a user gets when an administrator signs in as them (README, "The email to the user"). `npm run
// email:dev` previews it with the sample data below.
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";

export type ImpersonationNoticeProps = {
  appName: string;
  actorName: string;
  targetName: string;
  /** The user's Account access page, where they can see what is done as them. */
  accessUrl?: string;
};

export const impersonationNoticeSubject = ({ appName }: Pick<ImpersonationNoticeProps, "appName">) =>
  `${appName}: A ${appName} Administrator has signed in as you`;

export default function ImpersonationNotice({ appName, actorName, targetName, accessUrl }: ImpersonationNoticeProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{`${actorName} has temporarily signed in to your ${appName} account.`}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: "-apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif", margin: 0, padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", borderRadius: 8, maxWidth: 560, padding: "32px 32px 24px", border: "1px solid #e2e8f0" }}>
          <Text style={{ color: "#1d4ed8", fontSize: 13, fontWeight: 600, letterSpacing: 1, margin: 0, textTransform: "uppercase" }}>{appName}</Text>
          <Heading as="h1" style={{ color: "#0f172a", fontSize: 22, margin: "8px 0 16px" }}>
            Account Notification
          </Heading>
          <Text style={paragraph}>{`Hello ${targetName},`}</Text>
          <Text style={paragraph}>
            An administrator, <strong>{actorName}</strong>, has temporarily signed in to your account to troubleshoot issues,
            configure settings on your behalf, etc.
          </Text>
          <Text style={paragraph}>
            You keep full access to your account while they do. The administrator will sign out when done.
          </Text>
          <Text style={paragraph}>{`If you have any questions, please contact ${actorName}.`}</Text>
          {accessUrl ? (
            <Text style={paragraph}>
              You can see everything done as you, while it happens and afterwards, on{" "}
              <Link href={accessUrl} style={{ color: "#1d4ed8" }}>
                Account access
              </Link>
              .
            </Text>
          ) : null}
          <Hr style={{ borderColor: "#e2e8f0", margin: "24px 0 16px" }} />
          <Section>
            <Text style={{ color: "#64748b", fontSize: 12, margin: 0 }}>
              {`This is an automatic security notice from ${appName}. Everything done while signed in as you is recorded.`}
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

const paragraph = { color: "#1e293b", fontSize: 15, lineHeight: "24px", margin: "0 0 14px" };

ImpersonationNotice.PreviewProps = {
  appName: "Kaizen Hub",
  actorName: "Gina Global",
  targetName: "Jane Doe",
  accessUrl: "http://localhost:3000/account/access",
} satisfies ImpersonationNoticeProps;
