// The email an organization's Global User Administrators get when an audit stream's endpoint has
// failed for 24 hours and was disabled. `npm run email:dev` previews it with the sample data below.
import { Link, Text } from "@react-email/components";
import { NoticeFrame, paragraph } from "./_parts/notice-frame";

export type AuditStreamDisabledProps = {
  appName: string;
  adminName: string;
  /** The endpoint's URL, as configured. */
  endpoint: string;
  /** What its last attempt got ("HTTP 503", "no answer within 10 s"). */
  lastError: string;
  waiting: number;
  streamingUrl: string;
};

export const auditStreamDisabledSubject = ({ appName }: Pick<AuditStreamDisabledProps, "appName">) => `${appName}: An audit stream was disabled after failing for 24 hours`;

export default function AuditStreamDisabled({ appName, adminName, endpoint, lastError, waiting, streamingUrl }: AuditStreamDisabledProps) {
  return (
    <NoticeFrame appName={appName} preview={`Deliveries to ${endpoint} have failed for 24 hours.`} heading="Audit Streaming" footer={`This is an automatic notice from ${appName}.`}>
      <Text style={paragraph}>{`Hello ${adminName},`}</Text>
      <Text style={paragraph}>
        Every delivery to <strong>{endpoint}</strong> has failed for 24 hours (last: {lastError}), so the endpoint was disabled.{" "}
        {waiting === 1 ? "1 message is" : `${waiting} messages are`} kept, in order, and are delivered when you resume it.
      </Text>
      <Text style={paragraph}>
        See each attempt, and resume it once the receiver is back, on{" "}
        <Link href={streamingUrl} style={{ color: "#1d4ed8" }}>
          Audit streaming
        </Link>
        .
      </Text>
    </NoticeFrame>
  );
}

AuditStreamDisabled.PreviewProps = {
  appName: "Kaizen Hub",
  adminName: "Gina Global",
  endpoint: "https://siem.example.com/hooks/kaizen",
  lastError: "HTTP 503",
  waiting: 42,
  streamingUrl: "http://localhost:3000/admin/streaming",
} satisfies AuditStreamDisabledProps;
