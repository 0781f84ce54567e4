import { access } from "node:fs/promises";
import path from "node:path";
import { withCliDatabase } from "../database/cli-database.js";
import { importDump } from "../data-transfer/import-dump.js";
import { spoolToTempFile } from "../data-transfer/spool-stream.js";
import type { CliIo } from "./cli-io.js";

const usage =
  "Usage: portal import FILE|- [--replace]\n" +
  "  Loads a dump (from FILE, or stdin with -) into the database in one transaction.\n" +
  "  A database that already holds data is refused unless --replace (which deletes it first).\n";

/** `portal import FILE|- [--replace]`: exit 0 on success, 1 when refused or failed (nothing written), 2 on usage. */
export async function importCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
    io.stdout(usage);
    return 0;
  }
  const replace = args.includes("--replace");
  const positional = args.filter((a) => a !== "--replace");
  const [source] = positional;
  if (positional.length !== 1 || source === undefined || (source.startsWith("-") && source !== "-")) {
    io.stderr(
      `${positional.length === 0 ? "Missing FILE." : `Unexpected arguments: ${args.join(" ")}`}\n${usage}`,
    );
    return 2;
  }
  if (source === "-" && io.stdin === undefined) {
    io.stderr("No standard input available to read the dump from.\n");
    return 2;
  }
  const file = source === "-" ? undefined : path.resolve(io.cwd, source);
  if (file !== undefined) {
    try {
      await access(file);
    } catch (error) {
      io.stderr(`error: cannot read ${source} (${(error as NodeJS.ErrnoException).code ?? "error"})\n`);
      return 1;
    }
  }
  return withCliDatabase(io, async (handle, logger) => {
    const spooled = file === undefined && io.stdin ? await spoolToTempFile(io.stdin) : undefined;
    try {
      const result = await importDump(handle, spooled?.file ?? file ?? "", { replace }, logger);
      const rows = Object.values(result.counts).reduce((sum, n) => sum + n, 0);
      const migrated =
        result.migrationsApplied.length > 0
          ? `; migrations applied: ${result.migrationsApplied.join(", ")}`
          : "";
      io.stdout(`Imported ${rows} rows into ${Object.keys(result.counts).length} tables${migrated}.\n`);
      return 0;
    } finally {
      await spooled?.remove();
    }
  });
}
