// The email an administrator gets when the user they asked grants access to their account (consent
// before access). `npm run email:dev` previews it with the sample data below.
import { Link, Text } from "@react-email/components";
import { NoticeFrame, paragraph } from "./_parts/notice-frame";

export type AccessGrantedProps = {
  appName: string;
  requesterName: string;
  userName: string;
  /** When the grant ends, as the administrator reads it. */
  expiresAt: string;
  /** Where the administrator finds the user (People, searched by username). */
  peopleUrl: string;
};

export const accessGrantedSubject = ({ appName, userName }: Pick<AccessGrantedProps, "appName" | "userName">) =>
  `${appName}: ${userName} granted access to their account`;

export default function AccessGranted({ appName, requesterName, userName, expiresAt, peopleUrl }: AccessGrantedProps) {
  return (
    <NoticeFrame
      appName={appName}
      preview={`${userName} granted access to their ${appName} account until ${expiresAt}.`}
      heading="Access Granted"
      footer={`This is an automatic notice from ${appName}. Every impersonation is recorded, and ${userName} can revoke access at any time.`}
    >
      <Text style={paragraph}>{`Hello ${requesterName},`}</Text>
      <Text style={paragraph}>
        <strong>{userName}</strong> granted administrators access to their account until {expiresAt}. You can impersonate them from{" "}
        <Link href={peopleUrl} style={{ color: "#1d4ed8" }}>
          People
        </Link>{" "}
        until then; if they revoke access, an impersonation running under it ends at its next request.
      </Text>
    </NoticeFrame>
  );
}

AccessGranted.PreviewProps = {
  appName: "Kaizen Hub",
  requesterName: "Gina Global",
  userName: "Jane Doe",
  expiresAt: "3 Dec 2026, 14:05 UTC",
  peopleUrl: "http://localhost:3000/people?q=jane",
} satisfies AccessGrantedProps;
