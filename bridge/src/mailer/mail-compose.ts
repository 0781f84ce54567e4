import { createHash } from "node:crypto";
import { renderMessageTemplate } from "../listener-kit/message-template.js";
import type { PlannedMail } from "./mail-events.js";
import { pickMailTemplate, type MailSettings } from "./mail-settings.js";

/** A rendered mail, ready for a transport. */
export interface OutgoingMail {
  readonly from: string;
  readonly replyTo: string | null;
  readonly to: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
  /** Stable per event and address, so a receiving system can recognise a duplicate too. */
  readonly messageId: string;
  readonly template: string;
  readonly eventSequence: number;
}

const htmlEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** The same escaping as the portal's `escapeHtml` (`server/src/static-config/template-placeholders.ts`). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => htmlEntities[character] ?? character);
}

const asIs = (value: string) => value;

/**
 * Renders a planned mail with the recipient's locale (falling back to the language, then `en`). `{{x}}` is
 * HTML-escaped in the HTML part and `{{{x}}}` is not; subject and text are plain text. The portal refused
 * templates with unknown placeholders at boot, so a missing value here is a mailer bug and throws.
 */
export function composeMail(
  settings: MailSettings,
  planned: PlannedMail,
  eventSequence: number,
): OutgoingMail {
  const template = pickMailTemplate(settings.emailTemplates, planned.template, planned.recipient.locale);
  const address = planned.recipient.email.toLowerCase();
  const digest = createHash("sha256").update(`${eventSequence}:${address}`).digest("hex").slice(0, 24);
  const domain = new URL(settings.portalUrl).hostname || "portal.invalid";
  return {
    from: settings.mailFrom,
    replyTo: settings.mailReplyTo,
    to: { name: planned.recipient.name, address },
    // A subject is one header line: user-supplied values must not fold it or start a new header.
    subject: renderMessageTemplate(template.subject, planned.values, asIs).replace(/\s+/g, " ").trim(),
    text: renderMessageTemplate(template.text, planned.values, asIs),
    html: template.html === null ? null : renderMessageTemplate(template.html, planned.values, escapeHtml),
    messageId: `<mail-${eventSequence}-${digest}@${domain}>`,
    template: planned.template,
    eventSequence,
  };
}
