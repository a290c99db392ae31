// The email a user gets when an administrator signs in as them (README, "The email to the user"). `npm run
// email:dev` previews it with the sample data below.
import { Link, Text } from "@react-email/components";
import { NoticeFrame, paragraph } from "./_parts/notice-frame";

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
    <NoticeFrame
      appName={appName}
      preview={`${actorName} has temporarily signed in to your ${appName} account.`}
      heading="Account Notification"
      footer={`This is an automatic security notice from ${appName}. Everything done while signed in as you is recorded.`}
    >
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
    </NoticeFrame>
  );
}

ImpersonationNotice.PreviewProps = {
  appName: "Kaizen Hub",
  actorName: "Gina Global",
  targetName: "Jane Doe",
  accessUrl: "http://localhost:3000/account/access",
} satisfies ImpersonationNoticeProps;
