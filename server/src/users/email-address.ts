/** E-mail addresses are compared and stored lower-case and without surrounding blanks. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
