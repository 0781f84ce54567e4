import type { ChatEvent, EmailTemplateName } from "./template-catalog.js";
import { defaultLocale } from "./template-catalog.js";
import type {
  Api,
  ChatTemplate,
  ContentPage,
  EmailTemplate,
  Group,
  Plan,
  StaticConfig,
} from "./static-config.types.js";

export function findApi(config: StaticConfig, id: string): Api | undefined {
  return config.apis.find((api) => api.id === id);
}

export function findPlan(config: StaticConfig, id: string): Plan | undefined {
  return config.plans.find((plan) => plan.id === id);
}

export function findGroup(config: StaticConfig, id: string): Group | undefined {
  return config.groups.find((group) => group.id === id);
}

export function findContentPage(config: StaticConfig, id: string): ContentPage | undefined {
  return config.content.find((page) => page.id === id);
}

/** Groups whose members are admins (`"admin"`) or approvers (`"approver"`). */
export function groupsWithFlag(config: StaticConfig, flag: "admin" | "approver"): readonly Group[] {
  return config.groups.filter((group) => group[flag]);
}

/** The ids of a group list plus all their `altIds` (for matching groups sent by identity providers). */
export function groupIdsAndAltIds(groups: readonly Group[]): ReadonlySet<string> {
  return new Set(groups.flatMap((group) => [group.id, ...group.altIds]));
}

/**
 * The email template for a locale: the exact locale (`de-AT`), then its language (`de`), then `en`, which
 * always exists.
 */
export function emailTemplate(config: StaticConfig, name: EmailTemplateName, locale?: string): EmailTemplate {
  const variants = config.templates.email[name];
  const language = locale?.split("-")[0];
  return (
    (locale ? variants[locale] : undefined) ??
    (language ? variants[language] : undefined) ??
    (variants[defaultLocale] as EmailTemplate)
  );
}

export function chatTemplate(config: StaticConfig, event: ChatEvent): ChatTemplate | undefined {
  return config.templates.chat[event];
}
