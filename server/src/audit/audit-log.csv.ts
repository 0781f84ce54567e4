import type { AuditLogEntry } from "./audit-log.types.js";

/** Spreadsheet programs run cells that start with these as formulas (CSV injection). */
const formulaStart = /^[=+\-@\t\r]/;
const needsQuotes = /[",\r\n]/;

/**
 * One CSV cell: formula-looking text gets a leading apostrophe (so a spreadsheet shows it as text), then RFC 4180
 * quoting when the text contains a quote, comma or line break. Null is an empty cell.
 */
export function csvCell(value: string | null): string {
  if (value === null) return "";
  const safe = formulaStart.test(value) ? `'${value}` : value;
  return needsQuotes.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV record, CRLF-terminated as RFC 4180 says. */
export function csvRecord(cells: readonly (string | null)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export const auditCsvHeader = csvRecord([
  "at",
  "id",
  "actor_kind",
  "actor_id",
  "action",
  "target_type",
  "target_id",
  "summary",
  "client_address",
  "user_agent",
]);

export function auditCsvRecord(entry: AuditLogEntry): string {
  return csvRecord([
    entry.at,
    entry.id,
    entry.actorKind,
    entry.actorId,
    entry.action,
    entry.targetType,
    entry.targetId,
    JSON.stringify(entry.summary),
    entry.clientAddress,
    entry.userAgent,
  ]);
}
