import { openDatabase } from "../database/database.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { migrateToLatest } from "../database/migrator.js";
import { DumpChecksum, trailerLine } from "../data-transfer/dump-format.js";
import { exportDump } from "../data-transfer/export-dump.js";
import { seedDatabase } from "./seed.js";
import { createTestDatabase } from "./test-database.js";
import { testLogger } from "./test-logger.js";

/** Exports a database into a string. */
export async function exportToText(handle: DatabaseHandle): Promise<string> {
  let text = "";
  await exportDump(handle, (chunk) => {
    text += chunk;
  });
  return text;
}

/**
 * Edits the body of a dump (every line but the trailer, as parsed JSON) and writes a new, valid trailer, so that
 * tests can craft dumps that pass the checksum and fail later checks.
 */
export function rewriteDump(
  text: string,
  edit: (lines: Record<string, unknown>[]) => Record<string, unknown>[],
): string {
  const body = text
    .split("\n")
    .filter((line) => line !== "")
    .slice(0, -1)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const lines = edit(body).map((value) => `${JSON.stringify(value)}\n`);
  const checksum = new DumpChecksum();
  const counts: Record<string, number> = {};
  for (const line of lines) checksum.add(line);
  for (const value of lines.slice(1).map((l) => JSON.parse(l) as { table: string })) {
    counts[value.table] = (counts[value.table] ?? 0) + 1;
  }
  return lines.join("") + trailerLine(checksum.digest(), counts);
}

let seedDump: Promise<string> | undefined;

/** A valid dump of the seed rows (seed.ts), made once per test process on a temporary SQLite database. */
export function seedDumpText(): Promise<string> {
  seedDump ??= (async () => {
    const database = await createTestDatabase("sqlite");
    const handle = await openDatabase(database.config, testLogger());
    try {
      await migrateToLatest(handle, testLogger());
      await seedDatabase(handle.db);
      return await exportToText(handle);
    } finally {
      await handle.close();
      await database.drop();
    }
  })();
  return seedDump;
}
