import type { PortalGraphQLClient } from "../listener-kit/portal-graphql-client.js";

export interface MailTemplate {
  readonly template: string;
  readonly locale: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string | null;
}

/** What the mailer reads once from the portal's static configuration (`messagingSettings`). */
export interface MailSettings {
  readonly portalTitle: string;
  /** Without a trailing slash. */
  readonly portalUrl: string;
  readonly mailFrom: string;
  readonly mailReplyTo: string | null;
  readonly emailTemplates: readonly MailTemplate[];
}

export async function fetchMailSettings(client: PortalGraphQLClient): Promise<MailSettings> {
  const data = await client.request<{ messagingSettings: MailSettings }>(
    `query MailSettings {
      messagingSettings {
        portalTitle portalUrl mailFrom mailReplyTo
        emailTemplates { template locale subject text html }
      }
    }`,
  );
  return data.messagingSettings;
}

/**
 * The template variant for a locale: the exact locale (`de-AT`), then its language (`de`), then `en`, which the
 * portal guarantees for every template (the same order as the portal's `emailTemplate`).
 */
export function pickMailTemplate(
  templates: readonly MailTemplate[],
  template: string,
  locale: string | null,
): MailTemplate {
  const variants = templates.filter((t) => t.template === template);
  const language = locale?.split("-")[0];
  const found =
    variants.find((t) => t.locale === locale) ??
    variants.find((t) => t.locale === language) ??
    variants.find((t) => t.locale === "en");
  if (!found) throw new Error(`The portal has no "${template}" e-mail template in "en"`);
  return found;
}
