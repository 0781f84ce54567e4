import { readdirSync, readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from "smtp-server";
import { parse } from "yaml";
import { PortalUnavailableError } from "../listener-kit/portal-graphql-client.js";
import { type OutboundLedgerEntry } from "../listener-kit/outbound-ledger.js";
import { mailLedgerKey } from "./mail-ledger.js";
import type { MailLookups, MailRecipient } from "./mail-lookups.js";
import type { MailSettings, MailTemplate } from "./mail-settings.js";
import type { MailerPortal } from "./mailer.listener.js";

const templateDir = fileURLToPath(new URL("../../../deploy/config/templates/email/", import.meta.url));

/** The sample configuration's e-mail templates (deploy/config/templates/email), as the portal serves them. */
export function sampleMailTemplates(): MailTemplate[] {
  return readdirSync(templateDir)
    .filter((name) => name.endsWith(".yaml"))
    .map((file) => {
      const [, template = "", locale = ""] = /^(.+)\.([A-Za-z-]+)\.yaml$/.exec(file) ?? [];
      const { subject, text, html } = parse(readFileSync(templateDir + file, "utf8")) as {
        subject: string;
        text: string;
        html?: string;
      };
      return { template, locale, subject, text, html: html ?? null };
    });
}

/**
 * The portal's side of the mailer held in memory for the listener's tests against a real SMTP server (the
 * end-to-end test uses the real portal): settings, the ledger with the portal's key rule (one entry per event and
 * address), and lookups.
 */
export class MemoryMailPortal implements MailerPortal {
  readonly entries: OutboundLedgerEntry[] = [];
  unreachable = false;
  /** How many of the next records fail as if the portal went away right after the mail was sent. */
  refuseRecords = 0;
  readonly users = new Map<string, MailRecipient>();
  approverList: MailRecipient[] = [];
  adminList: MailRecipient[] = [];
  readonly owners = new Map<string, MailRecipient[]>();

  private check() {
    if (this.unreachable) throw new PortalUnavailableError("the portal API is unreachable: ECONNREFUSED");
  }

  settings(): Promise<MailSettings> {
    this.check();
    return Promise.resolve({
      portalTitle: "Acme API Portal",
      portalUrl: "https://portal.example",
      mailFrom: "Acme API Portal <noreply@acme.example>",
      mailReplyTo: "api-team@acme.example",
      emailTemplates: sampleMailTemplates(),
    });
  }

  readonly ledger = {
    recorded: (sequences: readonly number[]) => {
      this.check();
      const keys = this.entries
        .filter((entry) => sequences.includes(entry.eventSequence))
        .map((entry) => mailLedgerKey(entry.eventSequence, entry.recipient));
      return Promise.resolve(new Set(keys));
    },
    record: (entry: OutboundLedgerEntry) => {
      this.check();
      if (this.refuseRecords > 0) {
        this.refuseRecords--;
        return Promise.reject(new PortalUnavailableError("the portal API failed: connection reset"));
      }
      if (
        !this.entries.some((e) => e.eventSequence === entry.eventSequence && e.recipient === entry.recipient)
      )
        this.entries.push(entry);
      return Promise.resolve();
    },
  };

  readonly lookups: MailLookups = {
    recipient: (userId) => Promise.resolve(this.users.get(userId) ?? null),
    approvers: () => Promise.resolve(this.approverList.length > 0 ? this.approverList : this.adminList),
    administrators: () => Promise.resolve(this.adminList),
    applicationOwners: (applicationId) => Promise.resolve(this.owners.get(applicationId) ?? []),
    subscription: () => Promise.resolve({ applicationName: null, apiName: "Orders API", planName: "Basic" }),
    applicationName: (id) => Promise.resolve(id === "acme-web" ? "Acme <script>alert(1)</script> Web" : null),
    listenerUrl: (id) => Promise.resolve(id === "kong-adapter" ? "http://kong-adapter:3002/" : null),
  };
}

/** What the test SMTP server answers: accept, or an SMTP error with a reply code. */
export type SmtpAnswer = "accept" | { readonly code: number; readonly message: string };

/** A real SMTP server (the `smtp-server` package) on 127.0.0.1 that parses what it receives with mailparser. */
export class TestSmtpServer {
  readonly received: ParsedMail[] = [];
  /** Decides the answer to each RCPT TO (per address) and to each DATA. */
  rcptAnswer: (address: string) => SmtpAnswer = () => "accept";
  dataAnswers: SmtpAnswer[] = [];
  port = 0;
  private readonly server: SMTPServer;

  /** `login`: the server requires this user and password (AUTH over plain text is allowed, for the test). */
  constructor(
    options: { secure?: boolean; starttls?: boolean; login?: { user: string; password: string } } = {},
  ) {
    const login = options.login;
    this.server = new SMTPServer({
      secure: options.secure ?? false,
      authOptional: login === undefined,
      allowInsecureAuth: true,
      onAuth: (auth, _session, callback) =>
        login && auth.username === login.user && auth.password === login.password
          ? callback(null, { user: auth.username })
          : callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 })),
      disabledCommands: options.secure || options.starttls ? [] : ["STARTTLS"],
      logger: false,
      onRcptTo: (
        address: SMTPServerAddress,
        _session: SMTPServerSession,
        callback: (error?: Error) => void,
      ) => callback(toError(this.rcptAnswer(address.address))),
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          const answer = this.dataAnswers.shift() ?? "accept";
          const error = toError(answer);
          if (error) return callback(error);
          simpleParser(Buffer.concat(chunks)).then(
            (mail) => {
              this.received.push(mail);
              callback();
            },
            (parseError: Error) => callback(parseError),
          );
        });
      },
    });
  }

  async start(): Promise<this> {
    // A client that gives up on a TLS handshake (the certificate test) is an error event, not a test failure.
    this.server.on("error", () => undefined);
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function toError(answer: SmtpAnswer): Error | undefined {
  if (answer === "accept") return undefined;
  return Object.assign(new Error(answer.message), { responseCode: answer.code });
}

/** Every link (`http…`) in a text. */
export function linksIn(text: string): string[] {
  return text.match(/https?:\/\/[^\s"<>]+/g) ?? [];
}
