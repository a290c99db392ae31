// The email a user gets when an impersonation of their account ends: who, how long, how it ended,
// and what was changed as them (the first 20, with links), with a link to their Account access page.
// `npm run email:dev` previews it with the sample data below.
import { Button, Link, Section, Text } from "@react-email/components";
import { NoticeFrame, paragraph } from "./_parts/notice-frame";

export type ImpersonationSummaryProps = {
  appName: string;
  actorName: string;
  targetName: string;
  /** When it started and ended, already in words for the user's time zone. */
  startedAt: string;
  endedAt: string;
  duration: string;
  /** How it ended, in words ("signed out", "inactivity", …). */
  endReason: string;
  changeCount: number;
  /** The first changes (at most 20): what was done, and a link to it when there is one. */
  changes: { text: string; url: string | null }[];
  /** The user's Account access page for this impersonation. */
  accessUrl: string;
  /**
   * Sent to an address the user had before (they still hear of it, as of the start): the changes
   * are not listed, only counted, since that mailbox may not be theirs any more.
   */
  changesWithheld?: boolean;
};

export const impersonationSummarySubject = ({ appName }: Pick<ImpersonationSummaryProps, "appName">) =>
  `${appName}: An administrator has finished using your account`;

export default function ImpersonationSummary(props: ImpersonationSummaryProps) {
  const { appName, actorName, targetName, startedAt, endedAt, duration, endReason, changeCount, accessUrl, changesWithheld = false } = props;
  const changes = changesWithheld ? [] : props.changes;
  const more = changeCount - changes.length;
  return (
    <NoticeFrame
      appName={appName}
      preview={`${actorName} was signed in as you for ${duration}: ${changeCount === 0 ? "nothing was changed" : `${changeCount} change${changeCount === 1 ? "" : "s"}`}.`}
      heading="Impersonation ended"
      footer={`This is an automatic security notice from ${appName}. If anything here surprises you, contact ${actorName} or your administrator.`}
    >
      <Text style={paragraph}>{`Hello ${targetName},`}</Text>
      <Text style={paragraph}>
        <strong>{actorName}</strong>
        {` was signed in as you from ${startedAt} to ${endedAt} (${duration}). It ended: ${endReason}.`}
      </Text>
      <Text style={paragraph}>
        {changeCount === 0
          ? "Nothing was changed as you."
          : changesWithheld
            ? `${changeCount} change${changeCount === 1 ? " was" : "s were"} made as you. They are listed on Account access, not here: this address is no longer your account's.`
            : `${changeCount} change${changeCount === 1 ? " was" : "s were"} made as you${more > 0 ? ` (the first ${changes.length} below)` : ""}:`}
      </Text>
      {changes.length > 0 ? (
        <Section>
          <ul style={{ color: "#1e293b", fontSize: 14, lineHeight: "22px", margin: "0 0 14px", paddingLeft: 20 }}>
            {changes.map((change, i) => (
              <li key={i}>{change.url ? <Link href={change.url} style={{ color: "#1d4ed8" }}>{change.text}</Link> : change.text}</li>
            ))}
          </ul>
          {more > 0 ? <Text style={paragraph}>{`…and ${more} more.`}</Text> : null}
        </Section>
      ) : null}
      <Button href={accessUrl} style={{ backgroundColor: "#1d4ed8", borderRadius: 6, color: "#ffffff", fontSize: 14, fontWeight: 600, padding: "10px 16px" }}>
        See everything on Account access
      </Button>
    </NoticeFrame>
  );
}

ImpersonationSummary.PreviewProps = {
  appName: "Kaizen Hub",
  actorName: "Gina Global",
  targetName: "Jane Doe",
  startedAt: "28 Nov 2026, 10:02 UTC",
  endedAt: "28 Nov 2026, 10:14 UTC",
  duration: "12 minutes",
  endReason: "signed out",
  changeCount: 2,
  changes: [
    { text: "Edited the title of the Item “Move glove boxes beside every bed”", url: "http://localhost:3000/items/example" },
    { text: "Moved the Item “Label crash cart drawers by colour” from New to Planned", url: "http://localhost:3000/items/example-2" },
  ],
  accessUrl: "http://localhost:3000/account/access",
} satisfies ImpersonationSummaryProps;
