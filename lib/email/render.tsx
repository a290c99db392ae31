// Renders an email to its subject, HTML and plain-text parts. The outbox keeps what was rendered
// (a retry sends exactly what was first rendered); a message enqueued by template name is rendered
// by its sender, after the response, so a sign-in or a save never waits for React Email.
import { render } from "@react-email/components";
import type { ReactElement } from "react";
import { z } from "zod";
import AccessGranted, { accessGrantedSubject, type AccessGrantedProps } from "@/emails/access-granted";
import AccessRequest, { accessRequestSubject, type AccessRequestProps } from "@/emails/access-request";
import AuditStreamDisabled, { auditStreamDisabledSubject, type AuditStreamDisabledProps } from "@/emails/audit-stream-disabled";
import EmailChanged, { emailChangedSubject, type EmailChangedProps } from "@/emails/email-changed";
import ImpersonationNotice, { impersonationNoticeSubject, type ImpersonationNoticeProps } from "@/emails/impersonation-notice";
import ImpersonationSummary, { impersonationSummarySubject, type ImpersonationSummaryProps } from "@/emails/impersonation-summary";
import { publicBaseUrl } from "@/lib/env";

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

export function renderImpersonationSummary(props: ImpersonationSummaryProps): Promise<RenderedEmail> {
  return renderEmail(impersonationSummarySubject(props), <ImpersonationSummary {...props} />);
}

export function renderAccessRequest(props: AccessRequestProps): Promise<RenderedEmail> {
  return renderEmail(accessRequestSubject(props), <AccessRequest {...props} />);
}

export function renderAccessGranted(props: AccessGrantedProps): Promise<RenderedEmail> {
  return renderEmail(accessGrantedSubject(props), <AccessGranted {...props} />);
}

export function renderAuditStreamDisabled(props: AuditStreamDisabledProps): Promise<RenderedEmail> {
  return renderEmail(auditStreamDisabledSubject(props), <AuditStreamDisabled {...props} />);
}

/** A path of the app as a link in an email (resolved when the email is rendered). */
const absolute = (path: string) => new URL(path, publicBaseUrl()).toString();
const appPath = z.string().regex(/^\/[A-Za-z0-9/_-]*$/).max(200);

const name = z.string().min(1).max(200);

/** Every template a message can name, its props' shape, its subject and its renderer. */
export const TEMPLATES = {
  "impersonation-notice": {
    props: z.object({ appName: name, actorName: name, targetName: name, accessPath: appPath.optional() }),
    subject: impersonationNoticeSubject,
    render: ({ accessPath, ...props }: { appName: string; actorName: string; targetName: string; accessPath?: string }) =>
      renderImpersonationNotice({ ...props, accessUrl: accessPath ? absolute(accessPath) : undefined }),
  },
  "impersonation-summary": {
    props: z.object({
      appName: name,
      actorName: name,
      targetName: name,
      startedAt: name,
      endedAt: name,
      duration: name,
      endReason: name,
      changeCount: z.number().int().min(0),
      changes: z.array(z.object({ text: z.string().min(1).max(500), path: appPath.nullable() })).max(20),
      accessPath: appPath,
      changesWithheld: z.boolean().optional(),
    }),
    subject: impersonationSummarySubject,
    render: ({ changes, accessPath, ...props }: Omit<ImpersonationSummaryProps, "changes" | "accessUrl"> & { changes: { text: string; path: string | null }[]; accessPath: string }) =>
      renderImpersonationSummary({ ...props, changes: changes.map((c) => ({ text: c.text, url: c.path ? absolute(c.path) : null })), accessUrl: absolute(accessPath) }),
  },
  "email-changed": {
    props: z.object({ appName: name, userName: name, changedBy: name, newAddress: z.string().min(1).max(320).nullable() }),
    subject: emailChangedSubject,
    render: renderEmailChanged,
  },
  "access-request": {
    props: z.object({ appName: name, requesterName: name, userName: name, reason: z.string().max(500).nullable(), expiresAt: name, accountPath: appPath }),
    subject: accessRequestSubject,
    render: ({ accountPath, ...props }: Omit<AccessRequestProps, "accountUrl"> & { accountPath: string }) => renderAccessRequest({ ...props, accountUrl: absolute(accountPath) }),
  },
  "access-granted": {
    props: z.object({ appName: name, requesterName: name, userName: name, expiresAt: name, peoplePath: z.string().regex(/^\/people\?q=[A-Za-z0-9._-]+$/).max(200) }),
    subject: accessGrantedSubject,
    render: ({ peoplePath, ...props }: Omit<AccessGrantedProps, "peopleUrl"> & { peoplePath: string }) => renderAccessGranted({ ...props, peopleUrl: absolute(peoplePath) }),
  },
  "audit-stream-disabled": {
    props: z.object({ appName: name, adminName: name, endpoint: z.string().min(1).max(2000), lastError: z.string().min(1).max(500), waiting: z.number().int().min(0), streamingPath: appPath }),
    subject: auditStreamDisabledSubject,
    render: ({ streamingPath, ...props }: Omit<AuditStreamDisabledProps, "streamingUrl"> & { streamingPath: string }) =>
      renderAuditStreamDisabled({ ...props, streamingUrl: absolute(streamingPath) }),
  },
} as const;

export type TemplateName = keyof typeof TEMPLATES;
export type TemplateProps<T extends TemplateName> = z.infer<(typeof TEMPLATES)[T]["props"]>;

/** A message to render later: its template, props and (cheap, so computed now) subject. */
export function templated<T extends TemplateName>(template: T, props: TemplateProps<T>) {
  const entry = TEMPLATES[template] as { subject: (p: TemplateProps<T>) => string };
  return { template, props, subject: entry.subject(props) };
}

/** Renders a stored template by name; throws when the name or the props are not what it takes. */
export async function renderTemplate(template: string, props: unknown): Promise<RenderedEmail> {
  if (!Object.hasOwn(TEMPLATES, template)) throw new Error(`Unknown email template: ${template}`);
  const entry = TEMPLATES[template as TemplateName] as { props: z.ZodType; render: (p: unknown) => Promise<RenderedEmail> };
  return entry.render(entry.props.parse(props));
}
