/**
 * The fixed table of templates and the variables each may use. A placeholder not listed here is a configuration
 * error at load time, so a mail never goes out with a blank where a value was expected. The code that renders a
 * template must supply every variable of its entry (see `renderTemplate`).
 */

/** Available to every email and chat template. */
const common = ["portal.title", "portal.url", "user.name", "user.email"] as const;
const subscription = [
  "application.id",
  "application.name",
  "api.id",
  "api.name",
  "plan.id",
  "plan.name",
] as const;

export const emailTemplateVariables = {
  "verify-email": [...common, "link", "expiresInHours"],
  "password-reset": [...common, "link", "expiresInHours"],
  "email-change": [...common, "newEmail", "link", "expiresInHours"],
  "approval-requested": [...common, ...subscription, "requester.name", "requester.email", "link"],
  "subscription-approved": [...common, ...subscription, "link"],
  "subscription-declined": [...common, ...subscription, "reason", "link"],
  "subscription-provisioned": [...common, ...subscription, "link"],
  "key-expiring": [...common, ...subscription, "expiresAt", "daysLeft", "link"],
  "listener-failing": [...common, "listener.id", "listener.url", "failures", "lastError", "since", "link"],
} as const satisfies Record<string, readonly string[]>;

export type EmailTemplateName = keyof typeof emailTemplateVariables;
export const emailTemplateNames = Object.keys(emailTemplateVariables) as EmailTemplateName[];

/** Every email template needs this locale; others are optional and fall back to it. */
export const defaultLocale = "en";

/** Chat events a chatbot target may subscribe to; each used event needs `templates/chat/<event>.yaml`. */
export const chatTemplateVariables = {
  "user-signed-up": [...common, "link"],
  "user-verified-email": [...common],
  "application-created": [...common, "application.id", "application.name", "link"],
  "application-deleted": [...common, "application.id", "application.name"],
  "subscription-created": [...common, ...subscription, "link"],
  "subscription-deleted": [...common, ...subscription],
  "approval-requested": [...common, ...subscription, "link"],
  "subscription-approved": [...common, ...subscription, "link"],
  "subscription-declined": [...common, ...subscription, "reason"],
  "subscription-provisioning-failed": [...common, ...subscription, "reason", "link"],
  "listener-failing": [
    "portal.title",
    "portal.url",
    "listener.id",
    "listener.url",
    "failures",
    "lastError",
    "link",
  ],
} as const satisfies Record<string, readonly string[]>;

export type ChatEvent = keyof typeof chatTemplateVariables;
export const chatEvents = Object.keys(chatTemplateVariables) as [ChatEvent, ...ChatEvent[]];

export const localePattern = /^[a-z]{2,3}(-[A-Z]{2})?$/;
