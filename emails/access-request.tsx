// The email a user gets when an administrator asks for access to their account (consent before
// access): who asks, why, and where to answer. `npm run email:dev` previews it with the sample data
// below.
import { Link, Text } from "@react-email/components";
import { NoticeFrame, paragraph } from "./_parts/notice-frame";

export type AccessRequestProps = {
  appName: string;
  requesterName: string;
  userName: string;
  reason: string | null;
  /** When the request expires unanswered, as the user reads it ("3 Dec 2026, 14:05 UTC"). */
  expiresAt: string;
  /** The user's Account page, where they grant or decline. */
  accountUrl: string;
};

export const accessRequestSubject = ({ appName, requesterName }: Pick<AccessRequestProps, "appName" | "requesterName">) =>
  `${appName}: ${requesterName} asks for access to your account`;

export default function AccessRequest({ appName, requesterName, userName, reason, expiresAt, accountUrl }: AccessRequestProps) {
  return (
    <NoticeFrame
      appName={appName}
      preview={`${requesterName} asks to sign in to your ${appName} account.`}
      heading="Access Request"
      footer={`This is an automatic notice from ${appName}. Nobody can sign in as you without your consent.`}
    >
      <Text style={paragraph}>{`Hello ${userName},`}</Text>
      <Text style={paragraph}>
        An administrator, <strong>{requesterName}</strong>, asks for access to your account, to troubleshoot or fix something as you.
      </Text>
      {reason ? <Text style={paragraph}>{`Their reason: “${reason}”`}</Text> : null}
      <Text style={paragraph}>
        You decide: on your{" "}
        <Link href={accountUrl} style={{ color: "#1d4ed8" }}>
          Account page
        </Link>{" "}
        you can grant access for 1 hour, 1 day or 1 week, revoke it at any time, or decline. The request expires unanswered on {expiresAt}.
      </Text>
      <Text style={paragraph}>{`If you did not expect this, decline it and contact ${requesterName} or another administrator.`}</Text>
    </NoticeFrame>
  );
}

AccessRequest.PreviewProps = {
  appName: "Kaizen Hub",
  requesterName: "Gina Global",
  userName: "Jane Doe",
  reason: "Her Board shows no Items since the Location move.",
  expiresAt: "5 Dec 2026, 14:05 UTC",
  accountUrl: "http://localhost:3000/account",
} satisfies AccessRequestProps;
