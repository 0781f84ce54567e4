import pg from "pg";

const INT8_OID = 20;
const NUMERIC_OID = 1700;
/** A double holds any decimal with up to 15 significant digits exactly. */
const MAX_EXACT_DIGITS = 15;

/** int8 as a JS number when it is a safe integer, otherwise the exact decimal text. */
export function parseInt8(text: string): number | string {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
}

/** numeric as a JS number when no precision is lost, otherwise the exact decimal text. */
export function parseNumeric(text: string): number | string {
  const digits = text.replace(/^[-+]/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  if (!/^\d*$/.test(digits) || digits.length > MAX_EXACT_DIGITS) return text;
  return Number(text);
}

/**
 * Per-pool type parsers (no global mutation of `pg.types`): counts, bigint ids and numerics come back as numbers,
 * so PostgreSQL returns the same JS shapes as SQLite.
 */
export const portalTypeParsers = {
  getTypeParser(oid: number, format?: "text" | "binary"): (value: string) => unknown {
    if (format !== "binary") {
      if (oid === INT8_OID) return parseInt8;
      if (oid === NUMERIC_OID) return parseNumeric;
    }
    return pg.types.getTypeParser(oid, format ?? "text") as (value: string) => unknown;
  },
};
