// Renders an email to its subject, HTML and plain-text parts (all stored in the outbox row, so a
// retry sends exactly what was first rendered).
import { render } from "@react-email/components";
import ImpersonationNotice, { impersonationNoticeSubject, type ImpersonationNoticeProps } from "@/emails/impersonation-notice";

export type RenderedEmail = { subject: string; html: string; text: string };

export async function renderImpersonationNotice(props: ImpersonationNoticeProps): Promise<RenderedEmail> {
  const element = <ImpersonationNotice {...props} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: impersonationNoticeSubject(props), html, text };
}
