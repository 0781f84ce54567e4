import path from "node:path";
import { listOutbox, outboxDirectory, readOutboxMail, type OutboxMail } from "../mail-outbox/mail-outbox.js";
import type { CliIo } from "./cli-io.js";

const usage = `Usage:
  portal mail list [--to ADDRESS] [--dir DIR]   the mails in the local outbox, oldest first, with their links
  portal mail show [FILE] [--dir DIR]           one mail (default: the newest) with its text
The outbox is where the mailer writes mails when no SMTP server is configured (MAILER_SMTP_HOST unset):
<PORTAL_DATA_DIR>/outbox, or MAILER_OUTBOX_DIR.
`;

interface Options {
  readonly dir: string;
  readonly to: string | null;
  readonly rest: readonly string[];
}

function parseOptions(args: readonly string[], io: CliIo): Options | string {
  let dir = outboxDirectory(io.env, io.cwd);
  let to: string | null = null;
  const rest: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? "";
    if (arg === "--dir" || arg === "--to") {
      const value = args[index + 1];
      if (value === undefined || value.startsWith("--")) return `${arg} needs a value`;
      if (arg === "--dir") dir = path.resolve(io.cwd, value);
      else to = value.toLowerCase();
      index++;
    } else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else rest.push(arg);
  }
  return { dir, to, rest };
}

function describe(mail: OutboxMail): string {
  const lines = [`${mail.date}  to ${mail.to}`, `  ${mail.subject}`, `  file: ${mail.file}`];
  for (const link of mail.links) lines.push(`  link: ${link}`);
  return `${lines.join("\n")}\n`;
}

/** `portal mail list|show`: reads the mailer's local outbox, so a new installation can finish sign-up. */
export async function mailCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === "--help" || sub === "-h") {
    (sub === undefined ? io.stderr : io.stdout)(usage);
    return sub === undefined ? 2 : 0;
  }
  const options = parseOptions(rest, io);
  if (typeof options === "string") {
    io.stderr(`error: ${options}\n${usage}`);
    return 2;
  }
  if (sub === "list") {
    if (options.rest.length > 0) {
      io.stderr(`Unexpected arguments: ${options.rest.join(" ")}\n${usage}`);
      return 2;
    }
    const mails = (await listOutbox(options.dir)).filter(
      (mail) => options.to === null || mail.to.toLowerCase().includes(options.to),
    );
    if (mails.length === 0) {
      io.stdout(`No mails in ${options.dir}${options.to ? ` to ${options.to}` : ""}.\n`);
      return 0;
    }
    io.stdout(`${mails.length} mail${mails.length === 1 ? "" : "s"} in ${options.dir}, oldest first:\n\n`);
    io.stdout(mails.map(describe).join("\n"));
    return 0;
  }
  if (sub === "show") {
    if (options.rest.length > 1) {
      io.stderr(`Unexpected arguments: ${options.rest.slice(1).join(" ")}\n${usage}`);
      return 2;
    }
    const name = options.rest[0];
    let mail: OutboxMail;
    try {
      if (name === undefined) {
        const newest = (await listOutbox(options.dir)).at(-1);
        if (!newest) {
          io.stdout(`No mails in ${options.dir}.\n`);
          return 0;
        }
        mail = newest;
      } else mail = await readOutboxMail(path.resolve(options.dir, name));
    } catch (error) {
      io.stderr(
        `error: cannot read ${name ?? "the outbox"}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
      );
      return 1;
    }
    io.stdout(
      `File:    ${mail.file}\nDate:    ${mail.date}\nFrom:    ${mail.from}\nTo:      ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text ?? "(no text part)"}\n`,
    );
    if (mail.links.length > 0) io.stdout(`\nLinks:\n${mail.links.map((link) => `  ${link}\n`).join("")}`);
    return 0;
  }
  io.stderr(`Unknown command "mail ${sub}".\n${usage}`);
  return 2;
}
