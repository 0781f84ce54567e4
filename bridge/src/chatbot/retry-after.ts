/**
 * The delay a `Retry-After` header asks for (RFC 9110 §10.2.3): delta-seconds or an HTTP date. Null when the
 * header is missing or malformed (the caller then uses its own backoff); a date in the past means no delay.
 */
export function retryAfterMs(header: string | undefined, now = Date.now()): number | null {
  const value = header?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  if (/^\d+\.\d+$/.test(value)) return Math.ceil(Number(value) * 1000); // Discord sends fractional seconds
  const date = Date.parse(value);
  if (Number.isNaN(date) || !/[A-Za-z]/.test(value)) return null;
  return Math.max(0, date - now);
}
