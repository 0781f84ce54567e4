import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { groupsWithFlag } from "../static-config/static-config.queries.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { localePattern } from "../static-config/template-catalog.js";
import { findEnabledVerifiedUsersInGroups, findUserById } from "../users/user.repository.js";
import type { User } from "../users/user.types.js";
import { findListener } from "../webhooks/webhook-listener.repository.js";
import type { MessageListener, MessageRecipient, MessagingSettings } from "./message-context.types.js";
import { outboundMessagePolicy } from "./outbound-message.policy.js";

export interface MessageContextServiceDeps {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
}

/**
 * What the built-in listeners (mailer, chatbot) read to render a message: the templates and portal settings of
 * the static configuration, and who receives it. For service accounts and administrators.
 */
export class MessageContextService {
  constructor(private readonly deps: MessageContextServiceDeps) {}

  settings(actor: Actor): MessagingSettings {
    outboundMessagePolicy.readForListener(actor);
    const { portal, templates } = this.deps.config;
    return {
      portalTitle: portal.title,
      company: portal.company,
      portalUrl: portal.urls.portal.replace(/\/+$/, ""),
      mailFrom: portal.mailer.from,
      mailReplyTo: portal.mailer.replyTo ?? null,
      emailTemplates: Object.entries(templates.email).flatMap(([template, variants]) =>
        Object.entries(variants).map(([locale, variant]) => ({
          template,
          locale,
          subject: variant.subject,
          text: variant.text,
          html: variant.html ?? null,
        })),
      ),
      chatTemplates: Object.entries(templates.chat).flatMap(([event, template]) =>
        template ? [{ event, title: template.title ?? null, text: template.text }] : [],
      ),
      chatTargets: portal.chatbot.targets.map(({ id, type, urlVariable, events, templates: own }) => ({
        id,
        type,
        urlVariable,
        events: [...events],
        templates: Object.entries(own ?? {}).flatMap(([event, template]) =>
          template ? [{ event, title: template.title ?? null, text: template.text }] : [],
        ),
      })),
    };
  }

  /** The user with this id, verified or not; null when there is none or the account is disabled. */
  async recipient(actor: Actor, userId: string): Promise<MessageRecipient | null> {
    outboundMessagePolicy.readForListener(actor);
    const user = await findUserById(this.deps.db, userId);
    return user && user.disabledAt === null ? toRecipient(user) : null;
  }

  /**
   * Who decides on a request for an API of `groupId`: the approvers in that group (members of it and of a group
   * with the approver flag), or the administrators when it has none or `groupId` is null (the approval policy's
   * rule). Only enabled users with a verified address.
   */
  async approvalRecipients(actor: Actor, groupId: string | null): Promise<MessageRecipient[]> {
    outboundMessagePolicy.readForListener(actor);
    if (groupId !== null) {
      const approverGroups = groupsWithFlag(this.deps.config, "approver").map((group) => group.id);
      const approvers = await findEnabledVerifiedUsersInGroups(this.deps.db, {
        inGroup: groupId,
        inAnyOf: approverGroups,
      });
      if (approvers.length > 0) return approvers.map(toRecipient);
    }
    return this.administrators();
  }

  /** The enabled administrators with a verified address. */
  async administratorRecipients(actor: Actor): Promise<MessageRecipient[]> {
    outboundMessagePolicy.readForListener(actor);
    return this.administrators();
  }

  /** A webhook listener for an alert about it; null when it was deleted. */
  async listener(actor: Actor, id: string): Promise<MessageListener | null> {
    outboundMessagePolicy.readForListener(actor);
    const listener = await findListener(this.deps.db, id);
    return (
      listener && {
        id: listener.id,
        url: listener.url,
        consecutiveFailures: listener.consecutiveFailures,
        lastError: listener.lastError,
      }
    );
  }

  private async administrators(): Promise<MessageRecipient[]> {
    const adminGroups = groupsWithFlag(this.deps.config, "admin").map((group) => group.id);
    const admins = await findEnabledVerifiedUsersInGroups(this.deps.db, { inAnyOf: adminGroups });
    return admins.map(toRecipient);
  }
}

function toRecipient(user: User): MessageRecipient {
  const locale = user.profile["locale"];
  return {
    userId: user.id,
    email: user.email,
    name: user.displayName,
    locale: locale !== undefined && localePattern.test(locale) ? locale : null,
  };
}
