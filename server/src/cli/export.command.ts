import { open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { withCliDatabase } from "../database/cli-database.js";
import { exportDump, type ExportResult } from "../data-transfer/export-dump.js";
import type { CliIo } from "./cli-io.js";

const usage =
  "Usage: portal export [--output FILE]\n" +
  "  Writes all dynamic data as a dump to stdout, or to FILE (written completely or not at all).\n";

/** `portal export [--output FILE]`: exit 0 on success, 1 on failure, 2 on wrong arguments. */
export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (parsed.kind === "help") {
    io.stdout(usage);
    return 0;
  }
  if (parsed.kind === "error") {
    io.stderr(`${parsed.message}\n${usage}`);
    return 2;
  }
  return withCliDatabase(io, async (handle) => {
    const result =
      parsed.output === undefined
        ? await exportDump(handle, io.stdout)
        : await exportToFile(path.resolve(io.cwd, parsed.output), (write) => exportDump(handle, write));
    const rows = Object.values(result.counts).reduce((sum, n) => sum + n, 0);
    io.stderr(
      `Exported ${rows} rows from ${Object.keys(result.counts).length} tables (${result.checksum}).\n`,
    );
    return 0;
  });
}

type ParsedArgs = { kind: "run"; output?: string } | { kind: "help" } | { kind: "error"; message: string };

function parseArgs(args: readonly string[]): ParsedArgs {
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) return { kind: "help" };
  if (args.length === 0) return { kind: "run" };
  const [flag, value] = args;
  if (args.length === 2 && (flag === "--output" || flag === "-o") && value)
    return { kind: "run", output: value };
  if (args.length === 1 && flag?.startsWith("--output=") && flag.length > "--output=".length) {
    return { kind: "run", output: flag.slice("--output=".length) };
  }
  return { kind: "error", message: `Unexpected arguments: ${args.join(" ")}` };
}

/** Writes to a temp file beside `file` and renames it into place only after the export succeeded. */
async function exportToFile(
  file: string,
  run: (write: (chunk: string) => Promise<void>) => Promise<ExportResult>,
): Promise<ExportResult> {
  const temp = `${file}.partial-${process.pid}`;
  const handle = await open(temp, "wx", 0o600);
  try {
    const result = await run(async (chunk) => {
      await handle.write(chunk);
    });
    await handle.sync();
    await handle.close();
    await rename(temp, file);
    return result;
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
