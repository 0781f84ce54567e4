import { sql, type Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import type { DumpRow } from "./dump-format.js";
import { DumpError } from "./dump-parser.js";

/** Stays well below SQLite's and PostgreSQL's limits on bound parameters per statement. */
const MAX_PARAMETERS = 5_000;
const MAX_ROWS = 500;

/** Inserts dump rows in multi-row statements; a failing statement names the dump lines it held. */
export class RowInserter {
  #table = "";
  #columns: string[] = [];
  #rows: DumpRow[] = [];
  #firstLine = 0;
  #lastLine = 0;

  constructor(private readonly db: Kysely<Tables>) {}

  async add(table: string, row: DumpRow, line: number): Promise<void> {
    const columns = Object.keys(row);
    const sameShape = table === this.#table && sameColumns(columns, this.#columns);
    const full = (this.#rows.length + 1) * columns.length > MAX_PARAMETERS || this.#rows.length >= MAX_ROWS;
    if (!sameShape || full) await this.flush();
    if (this.#rows.length === 0) {
      this.#table = table;
      this.#columns = columns;
      this.#firstLine = line;
    }
    this.#rows.push(row);
    this.#lastLine = line;
  }

  async flush(): Promise<void> {
    if (this.#rows.length === 0) return;
    const columns = this.#columns;
    const values = this.#rows.map((row) => sql`(${sql.join(columns.map((c) => row[c]))})`);
    try {
      await sql`insert into ${sql.table(this.#table)} (${sql.join(columns.map((c) => sql.ref(c)))})
        values ${sql.join(values)}`.execute(this.db);
    } catch (error) {
      const lines =
        this.#firstLine === this.#lastLine ? `${this.#firstLine}` : `${this.#firstLine}-${this.#lastLine}`;
      throw new DumpError(`lines ${lines} (table ${this.#table}): ${(error as Error).message}`);
    } finally {
      this.#rows = [];
    }
  }
}

function sameColumns(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((column, index) => column === b[index]);
}
