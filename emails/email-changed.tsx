// The email a user's previous address gets when an administrator changes it: so that changing a
// user's address first cannot quietly take over where their notices go. `npm run email:dev`
// previews it with the sample data below.
import { Text } from "@react-email/components";
import { NoticeFrame, paragraph } from "./_parts/notice-frame";

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
    <NoticeFrame
      appName={appName}
      preview={`The email address of your ${appName} account was changed.`}
      heading="Account Notification"
      footer={`This is an automatic security notice from ${appName}.`}
    >
      <Text style={paragraph}>{`Hello ${userName},`}</Text>
      <Text style={paragraph}>
        {newAddress
          ? `${changedBy} changed the email address of your ${appName} account to ${newAddress}.`
          : `${changedBy} removed the email address of your ${appName} account.`}{" "}
        Notices about your account will go there from now on; this address still hears of any administrator signing in
        as you for the next 30 days.
      </Text>
      <Text style={paragraph}>{`If you did not expect this, please contact ${changedBy} or another administrator.`}</Text>
    </NoticeFrame>
  );
}

EmailChanged.PreviewProps = {
  appName: "Kaizen Hub",
  userName: "Jane Doe",
  changedBy: "Gina Global",
  newAddress: "jane.doe@example.test",
} satisfies EmailChangedProps;
