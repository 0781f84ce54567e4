import { withCliDatabase } from "../database/cli-database.js";
import { knownMigrations, migrateToLatest } from "../database/migrator.js";
import type { CliIo } from "./cli-io.js";

const usage =
  "Usage: portal migrate\n  Applies pending database migrations (the server also does this at start-up).\n";

/** `portal migrate`: exit 0 when the schema is current afterwards, 1 on failure, 2 on wrong arguments. */
export async function migrateCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
    io.stdout(usage);
    return 0;
  }
  if (args.length > 0) {
    io.stderr(`Unexpected arguments: ${args.join(" ")}\n${usage}`);
    return 2;
  }
  return withCliDatabase(io, async (handle, logger) => {
    const applied = await migrateToLatest(handle, logger);
    const total = knownMigrations().length;
    io.stdout(
      applied.length === 0
        ? `Database schema is up to date (${total} migration${total === 1 ? "" : "s"}).\n`
        : `Applied ${applied.length} migration${applied.length === 1 ? "" : "s"}: ${applied.join(", ")}\n`,
    );
    return 0;
  });
}
