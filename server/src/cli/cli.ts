import type { CliIo } from "./cli-io.js";
import { configCheckCommand } from "./config-check.command.js";
import { exportCommand } from "./export.command.js";
import { importCommand } from "./import.command.js";
import { mailCommand } from "./mail.command.js";
import { migrateCommand } from "./migrate.command.js";

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, { run: Command; usage: string }> = {
  "config check": {
    run: configCheckCommand,
    usage: "portal config check DIR    validate a static configuration directory",
  },
  export: { run: exportCommand, usage: "portal export [--output FILE]    write all dynamic data as a dump" },
  import: { run: importCommand, usage: "portal import FILE|- [--replace]    load a dump into the database" },
  migrate: { run: migrateCommand, usage: "portal migrate    apply pending database migrations" },
  mail: {
    run: mailCommand,
    usage: "portal mail list|show [FILE]    the local mail outbox (mails and their links, without SMTP)",
  },
};

export function usage(): string {
  return ["Usage:", ...Object.values(commands).map((c) => `  ${c.usage}`)].join("\n") + "\n";
}

/** Dispatches `portal <command> [args]`; the longest matching command name wins. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(" ");
    const command = commands[name];
    if (command && argv.length >= words) return command.run(argv.slice(words), io);
  }
  io.stderr(argv.length === 0 ? usage() : `Unknown command "${argv.join(" ")}".\n${usage()}`);
  return 2;
}
