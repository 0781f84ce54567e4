/**
 * The Content-Security-Policy of the web portal: scripts and styles only from the portal's own origin (no inline
 * scripts or styles), no framing. `connect-src` adds the API gateway's origin, where the API reference's "try it"
 * sends requests from the browser.
 */
export function webPortalContentSecurityPolicy(apiGatewayUrl?: string): string {
  const gatewayOrigin = apiGatewayUrl ? new URL(apiGatewayUrl).origin : null;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    gatewayOrigin ? `connect-src 'self' ${gatewayOrigin}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * Security headers of every answer of the web portal (pages and assets): the CSP above, no framing, no MIME
 * sniffing, no referrer to other origins.
 */
export function webPortalHeaders(apiGatewayUrl?: string): Readonly<Record<string, string>> {
  return {
    "content-security-policy": webPortalContentSecurityPolicy(apiGatewayUrl),
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
  };
}
