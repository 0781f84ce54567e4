import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { linksOf, parseMimeMessage } from "./mime-message.js";

/** One mail of the outbox folder, as `portal mail list` shows it. */
export interface OutboxMail {
  readonly file: string;
  readonly to: string;
  readonly subject: string;
  readonly date: string;
  readonly links: readonly string[];
  readonly text: string | null;
  readonly from: string;
}

/** The outbox folder the mailer writes to without SMTP: `<PORTAL_DATA_DIR>/outbox`, unless `MAILER_OUTBOX_DIR`. */
export function outboxDirectory(env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  return path.resolve(cwd, env.MAILER_OUTBOX_DIR || path.join(env.PORTAL_DATA_DIR || "data", "outbox"));
}

export async function readOutboxMail(file: string): Promise<OutboxMail> {
  const message = parseMimeMessage(await readFile(file, "utf8"));
  return {
    file: path.basename(file),
    to: message.headers.get("to") ?? "",
    from: message.headers.get("from") ?? "",
    subject: message.headers.get("subject") ?? "",
    date: message.headers.get("date") ?? "",
    links: linksOf(message),
    text: message.text,
  };
}

/** Every `.eml` file of the folder, oldest first (the file names start with the time); [] when it does not exist. */
export async function listOutbox(directory: string): Promise<OutboxMail[]> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files = names.filter((name) => name.endsWith(".eml")).sort();
  return Promise.all(files.map((name) => readOutboxMail(path.join(directory, name))));
}
