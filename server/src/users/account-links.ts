import type { StaticConfig } from "../static-config/static-config.js";

/** Pages of the web portal that take the secret of an e-mail link (the portal calls the matching mutation). */
export const accountLinkPaths = {
  email_verification: "/verify-email",
  password_reset: "/reset-password",
  email_change: "/confirm-email",
} as const;

/** The absolute link for an e-mail, built from `portal.urls.portal` of the static configuration. */
export function accountLink(
  config: StaticConfig,
  kind: keyof typeof accountLinkPaths,
  token: string,
): string {
  return `${config.portal.urls.portal}${accountLinkPaths[kind]}?token=${encodeURIComponent(token)}`;
}
