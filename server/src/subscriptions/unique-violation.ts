/**
 * Whether a database error is a unique-constraint violation (PostgreSQL SQLSTATE 23505, SQLite
 * SQLITE_CONSTRAINT_UNIQUE): two requests racing past the same "does it exist?" check.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  const code = error.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}
