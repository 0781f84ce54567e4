import {
  DUMP_FORMAT,
  DUMP_FORMAT_VERSION,
  DumpChecksum,
  type DumpHeader,
  type DumpRow,
  type DumpTrailer,
} from "./dump-format.js";
import { internalTables } from "./exported-tables.js";

/** A dump that cannot be imported; `line` is 1-based when the problem is on one line. */
export class DumpError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = "DumpError";
  }
}

export type DumpEntry =
  | { readonly kind: "header"; readonly line: number; readonly header: DumpHeader }
  | { readonly kind: "row"; readonly line: number; readonly table: string; readonly row: DumpRow }
  | { readonly kind: "trailer"; readonly line: number; readonly trailer: DumpTrailer };

export interface DumpSummary {
  readonly header: DumpHeader;
  readonly counts: Readonly<Record<string, number>>;
  readonly lines: number;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const CHECKSUM = /^sha256:[0-9a-f]{64}$/;

/**
 * Checks a dump line by line: structure, table grouping, value types, and at the trailer the checksum and the
 * row counts. Feed it every line (without its newline), then call {@link finish}.
 */
export class DumpParser {
  readonly #checksum = new DumpChecksum();
  readonly #counts: Record<string, number> = {};
  #lineNumber = 0;
  #header: DumpHeader | undefined;
  #trailerSeen = false;
  #currentTable: string | undefined;

  feed(text: string): DumpEntry {
    const line = ++this.#lineNumber;
    if (this.#trailerSeen) throw new DumpError("unexpected content after the trailer line", line);
    if (text.trim() === "") throw new DumpError("empty line", line);
    const value = parseJson(text, line);
    if (this.#header === undefined) {
      this.#header = parseHeader(value, line);
      this.#checksum.add(`${text}\n`);
      return { kind: "header", line, header: this.#header };
    }
    if ("checksum" in value) {
      const trailer = parseTrailer(value, line);
      this.#verifyTrailer(trailer, line);
      this.#trailerSeen = true;
      return { kind: "trailer", line, trailer };
    }
    const { table, row } = parseRow(value, line);
    if (table !== this.#currentTable) {
      if (table in this.#counts) throw new DumpError(`rows of table ${table} are not contiguous`, line);
      this.#currentTable = table;
      this.#counts[table] = 0;
    }
    this.#counts[table] = (this.#counts[table] ?? 0) + 1;
    this.#checksum.add(`${text}\n`);
    return { kind: "row", line, table, row };
  }

  /** Call after the last line; throws when the dump is empty or truncated. */
  finish(): DumpSummary {
    if (this.#header === undefined) throw new DumpError("the dump is empty");
    if (!this.#trailerSeen) {
      throw new DumpError(
        `the dump is truncated: it ends at line ${this.#lineNumber} without the trailer line (checksum and counts)`,
      );
    }
    return { header: this.#header, counts: { ...this.#counts }, lines: this.#lineNumber };
  }

  #verifyTrailer(trailer: DumpTrailer, line: number): void {
    const computed = this.#checksum.digest();
    if (trailer.checksum !== computed) {
      throw new DumpError(
        `checksum mismatch: the dump is corrupt or was edited (trailer says ${trailer.checksum}, content is ${computed})`,
        line,
      );
    }
    const tables = new Set([...Object.keys(trailer.counts), ...Object.keys(this.#counts)]);
    for (const table of tables) {
      const expected = trailer.counts[table] ?? 0;
      const actual = this.#counts[table] ?? 0;
      if (expected !== actual) {
        throw new DumpError(
          `row count mismatch for ${table}: trailer says ${expected}, dump has ${actual}`,
          line,
        );
      }
    }
  }
}

function parseJson(text: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DumpError(`not valid JSON (${(error as Error).message})`, line);
  }
  if (!isPlainObject(value)) throw new DumpError("expected a JSON object", line);
  return value;
}

function parseHeader(value: Record<string, unknown>, line: number): DumpHeader {
  if (value.format !== DUMP_FORMAT) {
    throw new DumpError(`not an ${DUMP_FORMAT} file (the first line must be its header)`, line);
  }
  const version = value.formatVersion;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    throw new DumpError("header: formatVersion must be a positive integer", line);
  }
  if (version > DUMP_FORMAT_VERSION) {
    throw new DumpError(
      `dump format version ${version} is newer than this portal reads (${DUMP_FORMAT_VERSION}); upgrade the portal`,
      line,
    );
  }
  const migrations = value.migrations;
  if (!Array.isArray(migrations) || !migrations.every((m) => typeof m === "string" && m !== "")) {
    throw new DumpError("header: migrations must be a list of migration names", line);
  }
  return { format: DUMP_FORMAT, formatVersion: version, migrations: migrations as string[] };
}

function parseTrailer(value: Record<string, unknown>, line: number): DumpTrailer {
  const { checksum, counts } = value;
  if (typeof checksum !== "string" || !CHECKSUM.test(checksum)) {
    throw new DumpError("trailer: checksum must be sha256:<64 hex digits>", line);
  }
  if (
    !isPlainObject(counts) ||
    !Object.values(counts).every((n) => Number.isSafeInteger(n) && (n as number) >= 0)
  ) {
    throw new DumpError("trailer: counts must map table names to row counts", line);
  }
  return { checksum, counts: counts as Record<string, number> };
}

function parseRow(value: Record<string, unknown>, line: number): { table: string; row: DumpRow } {
  const { table, row } = value;
  if (typeof table !== "string" || !IDENTIFIER.test(table)) {
    throw new DumpError("expected a row line {table, row} with a lower-case table name", line);
  }
  if (internalTables.includes(table))
    throw new DumpError(`table ${table} is internal and cannot be imported`, line);
  if (!isPlainObject(row) || Object.keys(row).length === 0) {
    throw new DumpError(`${table}: row must be a non-empty JSON object`, line);
  }
  for (const [column, cell] of Object.entries(row)) {
    if (!IDENTIFIER.test(column))
      throw new DumpError(`${table}: invalid column name ${JSON.stringify(column)}`, line);
    if (cell !== null && typeof cell !== "string" && typeof cell !== "number") {
      throw new DumpError(`${table}.${column} must be text, a number or null`, line);
    }
  }
  return { table, row: row as DumpRow };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
