// Renders an email to its subject, HTML and plain-text parts (all stored in the outbox row, so a
// retry sends exactly what was first rendered).
import { render } from "@react-email/components";
import type { ReactElement } from "react";
import EmailChanged, { emailChangedSubject, type EmailChangedProps } from "@/emails/email-changed";
import ImpersonationNotice, { impersonationNoticeSubject, type ImpersonationNoticeProps } from "@/emails/impersonation-notice";

export type RenderedEmail = { subject: string; html: string; text: string };

async function renderEmail(subject: string, element: ReactElement): Promise<RenderedEmail> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject, html, text };
}

export function renderImpersonationNotice(props: ImpersonationNoticeProps): Promise<RenderedEmail> {
  return renderEmail(impersonationNoticeSubject(props), <ImpersonationNotice {...props} />);
}

export function renderEmailChanged(props: EmailChangedProps): Promise<RenderedEmail> {
  return renderEmail(emailChangedSubject(props), <EmailChanged {...props} />);
}
