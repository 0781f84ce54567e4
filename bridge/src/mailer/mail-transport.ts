import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { OutgoingMail } from "./mail-compose.js";
import type { SmtpSettings } from "./mailer-config.js";

/** The SMTP server rejected this mail for good (5xx): record it FAILED, never retry it. */
export class PermanentMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PermanentMailError";
  }
}

/** The server refused this mail for now (4xx reply for it, e.g. 451 or 452): try it again later. */
export class TemporaryMailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemporaryMailError";
  }
}

/**
 * The mail server is unreachable or unusable (connection refused, timeout, TLS or login failure, 421): nothing
 * can be sent now, whatever the mail. The batch goes back to the bridge, which retries it with backoff.
 */
export class MailServerUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "MailServerUnavailableError";
  }
}

export interface MailTransport {
  /** `smtp://host:port` or the outbox folder, for logs and health. */
  readonly description: string;
  /** Delivers the mail, or throws one of the three errors above. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
    ...(mail.html === null ? {} : { html: mail.html }),
    messageId: mail.messageId,
    headers: { "X-Portal-Template": mail.template, "X-Portal-Event-Sequence": String(mail.eventSequence) },
  };
}

interface SmtpFailure {
  readonly code?: string;
  readonly responseCode?: number;
  readonly response?: string;
  readonly message: string;
}

/** Sorts a nodemailer failure into permanent, temporary for this mail, or server unavailable. */
export function classifySmtpFailure(error: unknown): Error {
  const failure = error as SmtpFailure;
  const status = failure.responseCode;
  const detail = (failure.response ?? failure.message).trim();
  // 421: the server is closing the connection (busy, shutting down), whatever the mail: like a refused connection.
  if (status === undefined || status === 421 || failure.code === "EAUTH" || failure.code === "ETLS")
    return new MailServerUnavailableError(`the mail server is unavailable: ${detail}`, { cause: error });
  if (status >= 500) return new PermanentMailError(detail);
  return new TemporaryMailError(detail);
}

export function createSmtpTransport(smtp: SmtpSettings): MailTransport {
  const transporter = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === "implicit",
    requireTLS: smtp.security === "starttls",
    ignoreTLS: smtp.security === "none",
    tls: { rejectUnauthorized: smtp.verifyCertificate },
    ...(smtp.auth ? { auth: { user: smtp.auth.user, pass: smtp.auth.password } } : {}),
    connectionTimeout: smtp.timeoutMs,
    greetingTimeout: smtp.timeoutMs,
    socketTimeout: smtp.timeoutMs,
  });
  return {
    description: `smtp://${smtp.host}:${smtp.port} (${smtp.security})`,
    async send(mail) {
      try {
        await transporter.sendMail(message(mail));
      } catch (error) {
        throw classifySmtpFailure(error);
      }
    },
    close: () => transporter.close(),
  };
}

/** File name of an outbox mail: sortable by time, then event, then template. */
function outboxFileName(mail: OutgoingMail, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const digest = mail.messageId.replace(/^<mail-\d+-/, "").slice(0, 8);
  return `${stamp}-${String(mail.eventSequence).padStart(6, "0")}-${mail.template}-${digest}.eml`;
}

/**
 * The embedded default without an SMTP server: each mail becomes an `.eml` file (RFC 5322, as it would have been
 * sent) in the outbox folder; `npm run portal -- mail list` shows them with their links.
 */
export function createOutboxTransport(outboxDir: string, now: () => Date = () => new Date()): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    description: `outbox ${outboxDir}`,
    async send(mail) {
      const at = now();
      const info = await transporter.sendMail({ ...message(mail), date: at });
      await mkdir(outboxDir, { recursive: true });
      const file = path.join(outboxDir, outboxFileName(mail, at));
      // Written under a temporary name first, so `mail list` never shows a half-written file.
      await writeFile(`${file}.tmp`, info.message as Buffer);
      await rename(`${file}.tmp`, file);
    },
    close: () => transporter.close(),
  };
}
