import type { Logger } from "pino";
import type { BuiltInListener, ListenerHealth } from "../listener-kit/built-in-listener.js";
import { PortalGraphQLClient, PortalUnavailableError } from "../listener-kit/portal-graphql-client.js";
import type { WebhookEvent } from "../portal-client.js";
import { composeMail, type OutgoingMail } from "./mail-compose.js";
import { mailEventNames, plannedMails, type PlannedMail } from "./mail-events.js";
import {
  portalOutboundLedger,
  type OutboundLedger,
  type OutboundLedgerEntry,
} from "../listener-kit/outbound-ledger.js";
import { mailLedgerKey } from "./mail-ledger.js";
import { portalMailLookups, type MailLookups } from "./mail-lookups.js";
import { fetchMailSettings, type MailSettings } from "./mail-settings.js";
import {
  createOutboxTransport,
  createSmtpTransport,
  MailServerUnavailableError,
  PermanentMailError,
  TemporaryMailError,
  type MailTransport,
} from "./mail-transport.js";
import type { MailerConfig } from "./mailer-config.js";

export const MAILER_LISTENER_ID = "mailer";

/** At most this many mails with temporary refusals are counted at once. */
const MAX_TRACKED_MAILS = 10_000;

/** The portal as the mailer uses it; tests may pass their own parts. */
export interface MailerPortal {
  settings(): Promise<MailSettings>;
  readonly ledger: OutboundLedger;
  readonly lookups: MailLookups;
}

export interface MailerDependencies {
  readonly logger: Logger;
  readonly portal?: MailerPortal;
  readonly transport?: MailTransport;
  readonly now?: () => Date;
}

/**
 * The mailer: a built-in webhook listener that sends the portal's e-mails (account links, approval requests,
 * subscription decisions, expiring keys, listener alerts) over SMTP, or into the outbox folder when no SMTP
 * server is configured. Each mail is recorded in the portal's outbound-message ledger, so it goes out once per
 * event and address however often the bridge delivers the event.
 */
export function createMailerListener(config: MailerConfig, deps: MailerDependencies): BuiltInListener {
  const logger = deps.logger.child({ listener: MAILER_LISTENER_ID });
  const now = deps.now ?? (() => new Date());
  const client = new PortalGraphQLClient(config.portalUrl, config.token);
  const portal: MailerPortal = deps.portal ?? {
    settings: () => fetchMailSettings(client),
    ledger: portalOutboundLedger(client, "MAIL"),
    lookups: portalMailLookups(client),
  };
  const transport =
    deps.transport ??
    (config.smtp ? createSmtpTransport(config.smtp) : createOutboxTransport(config.outboxDir, now));
  let settings: MailSettings | undefined;
  /** Temporary refusals per mail (`sequence:address`) in this process; at `maxAttempts` the mail is FAILED. */
  const temporaryFailures = new Map<string, number>();
  /**
   * Mails sent whose ledger entry did not reach the portal (unreachable, or refused): the retry records them
   * instead of sending them again. Only a restart in between can still send such a mail twice.
   */
  const unrecorded = new Map<string, OutboundLedgerEntry>();
  const counters = { sent: 0, failed: 0 };
  let serverProblem: string | null = null;
  // One batch at a time: a redelivery that arrives while the first attempt still runs waits for it, then finds
  // its mails in the ledger.
  let queue: Promise<unknown> = Promise.resolve();

  async function record(entry: OutboundLedgerEntry): Promise<void> {
    await portal.ledger.record(entry);
    if (entry.status === "SENT") counters.sent++;
    else counters.failed++;
  }

  async function sendOne(event: WebhookEvent, planned: PlannedMail, loaded: MailSettings): Promise<void> {
    const key = mailLedgerKey(event.sequence, planned.recipient.email);
    const sentBefore = unrecorded.get(key);
    if (sentBefore) {
      await record(sentBefore);
      unrecorded.delete(key);
      return;
    }
    const base = {
      eventSequence: event.sequence,
      eventName: event.name,
      recipient: planned.recipient.email.toLowerCase(),
      template: planned.template,
    };
    let mail: OutgoingMail;
    try {
      mail = composeMail(loaded, planned, event.sequence);
    } catch (error) {
      // A mailer bug, not a passing trouble: retrying cannot help, so it is recorded for the administrators.
      logger.error({ err: error, sequence: event.sequence, template: planned.template }, "mail not rendered");
      await record({
        ...base,
        subject: "",
        status: "FAILED",
        error: `not rendered: ${(error as Error).message}`,
        attempts: 1,
      });
      return;
    }
    const attempts = (temporaryFailures.get(key) ?? 0) + 1;
    try {
      await transport.send(mail);
    } catch (error) {
      if (error instanceof PermanentMailError) {
        logger.warn(
          { sequence: event.sequence, template: planned.template, reply: error.message },
          "mail rejected",
        );
        temporaryFailures.delete(key);
        await record({ ...base, subject: mail.subject, status: "FAILED", error: error.message, attempts });
        return;
      }
      if (error instanceof TemporaryMailError && attempts >= config.maxAttempts) {
        logger.warn(
          { sequence: event.sequence, attempts, reply: error.message },
          "mail given up after retries",
        );
        temporaryFailures.delete(key);
        await record({
          ...base,
          subject: mail.subject,
          status: "FAILED",
          error: `refused ${attempts} times, last: ${error.message}`,
          attempts,
        });
        return;
      }
      if (error instanceof TemporaryMailError) {
        temporaryFailures.set(key, attempts);
        // Events the bridge gave up on never come back to clear their count: keep the newest only.
        const oldest = temporaryFailures.keys().next().value;
        if (temporaryFailures.size > MAX_TRACKED_MAILS && oldest !== undefined)
          temporaryFailures.delete(oldest);
      }
      if (error instanceof MailServerUnavailableError) serverProblem = error.message;
      throw error;
    }
    serverProblem = null;
    temporaryFailures.delete(key);
    logger.info({ sequence: event.sequence, template: planned.template }, "mail sent");
    const entry: OutboundLedgerEntry = {
      ...base,
      subject: mail.subject,
      status: "SENT",
      error: null,
      attempts,
    };
    unrecorded.set(key, entry);
    await record(entry);
    unrecorded.delete(key);
  }

  async function handleBatch(events: readonly WebhookEvent[]): Promise<void> {
    settings ??= await portal.settings();
    const loaded = settings;
    const relevant = events.filter((event) => (mailEventNames as readonly string[]).includes(event.name));
    if (relevant.length === 0) return;
    const recorded = await portal.ledger.recorded(relevant.map((event) => event.sequence));
    const context = {
      portalTitle: loaded.portalTitle,
      portalUrl: loaded.portalUrl,
      lookups: portal.lookups,
      now,
    };
    for (const event of relevant) {
      const mails = await plannedMails(context, event);
      const seen = new Set<string>();
      for (const planned of mails) {
        const key = mailLedgerKey(event.sequence, planned.recipient.email);
        // Exactly one mail per event and address, even when an address is both approver and administrator.
        if (recorded.has(key) || seen.has(key)) continue;
        seen.add(key);
        await sendOne(event, planned, loaded);
      }
    }
  }

  return {
    id: MAILER_LISTENER_ID,
    events: mailEventNames,
    start() {
      logger.info({ transport: transport.description }, "mailer ready");
      return Promise.resolve();
    },
    handle(events) {
      const run = queue.then(() => handleBatch(events));
      queue = run.catch(() => undefined);
      return run.catch((error: unknown) => {
        if (error instanceof PortalUnavailableError || error instanceof MailServerUnavailableError)
          logger.warn({ err: error }, "batch not done; the bridge will deliver it again");
        throw error;
      });
    },
    health(): ListenerHealth {
      return {
        status: serverProblem === null ? "ok" : "degraded",
        detail: {
          transport: transport.description,
          sent: counters.sent,
          failed: counters.failed,
          ...(serverProblem === null ? {} : { problem: serverProblem }),
        },
      };
    },
    stop() {
      transport.close();
      return Promise.resolve();
    },
  };
}
