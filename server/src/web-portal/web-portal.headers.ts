/**
 * Security headers of every answer of the web portal (pages and assets): scripts and styles only from the portal's
 * own origin (no inline scripts), no framing, no MIME sniffing, no referrer to other origins.
 */
export const webPortalContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export const webPortalSecurityHeaders: Readonly<Record<string, string>> = {
  "content-security-policy": webPortalContentSecurityPolicy,
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};
