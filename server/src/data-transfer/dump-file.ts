import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { DumpParser, type DumpEntry, type DumpSummary } from "./dump-parser.js";

/**
 * Streams the entries of a dump file through a fresh {@link DumpParser}. The summary (checksum and counts
 * verified) is only returned once the whole file has been read; any problem throws a DumpError.
 */
export async function readDumpFile(
  file: string,
  onEntry: (entry: DumpEntry) => Promise<void> | void,
): Promise<DumpSummary> {
  const parser = new DumpParser();
  const input = createReadStream(file, "utf8");
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const text of lines) await onEntry(parser.feed(text));
  } finally {
    lines.close();
    input.destroy();
  }
  return parser.finish();
}

/** Reads and verifies a whole dump without writing anything. */
export function verifyDumpFile(file: string): Promise<DumpSummary> {
  return readDumpFile(file, () => undefined);
}
