import { createHash, type Hash } from "node:crypto";

/**
 * The dump format (NDJSON, UTF-8, one JSON value per `\n`-terminated line):
 *   line 1      {"format":"api-portal-dump","formatVersion":1,"migrations":["0001-core",...]}
 *   rows        {"table":"users","row":{...keys sorted...}}   tables in export order, rows in primary-key order
 *   last line   {"checksum":"sha256:<hex of every previous line, newlines included>","counts":{"users":2,...}}
 * Nothing about the export itself (time, host) is recorded, so exports of the same data are byte-identical.
 */
export const DUMP_FORMAT = "api-portal-dump";
export const DUMP_FORMAT_VERSION = 1;

/** Values a dump holds: the portable column types (text, integer 0/1 booleans, JSON as text). */
export type DumpValue = string | number | null;
export type DumpRow = Record<string, DumpValue>;

export interface DumpHeader {
  readonly format: typeof DUMP_FORMAT;
  readonly formatVersion: number;
  readonly migrations: readonly string[];
}

export interface DumpTrailer {
  readonly checksum: string;
  readonly counts: Readonly<Record<string, number>>;
}

export function headerLine(migrations: readonly string[]): string {
  const header: DumpHeader = { format: DUMP_FORMAT, formatVersion: DUMP_FORMAT_VERSION, migrations };
  return `${JSON.stringify(header)}\n`;
}

/** One row line; keys sorted and values normalized so both backends produce the same bytes. */
export function rowLine(table: string, row: Readonly<Record<string, unknown>>): string {
  const normalized: DumpRow = {};
  for (const key of Object.keys(row).sort()) normalized[key] = normalizeValue(row[key], `${table}.${key}`);
  return `${JSON.stringify({ table, row: normalized })}\n`;
}

export function trailerLine(checksum: string, counts: Readonly<Record<string, number>>): string {
  const trailer: DumpTrailer = { checksum, counts };
  return `${JSON.stringify(trailer)}\n`;
}

/** Running checksum over the lines before the trailer. */
export class DumpChecksum {
  readonly #hash: Hash = createHash("sha256");

  add(lineWithNewline: string): void {
    this.#hash.update(lineWithNewline, "utf8");
  }

  digest(): string {
    return `sha256:${this.#hash.digest("hex")}`;
  }
}

/**
 * Maps what a driver returns to a dump value: booleans become 0/1, safe bigints numbers, dates ISO-8601 text.
 * Anything else (binary, NaN, objects) is not a portable column value and is refused.
 */
export function normalizeValue(value: unknown, where: string): DumpValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${where}: ${value} cannot be exported`);
    return value === 0 ? 0 : value;
  }
  if (typeof value === "bigint") {
    const safe = value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER);
    return safe ? Number(value) : value.toString();
  }
  if (value instanceof Date) return value.toISOString();
  throw new Error(`${where}: ${Object.prototype.toString.call(value)} is not a portable column value`);
}
