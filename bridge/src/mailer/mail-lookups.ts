import { PortalGraphQLError, type PortalGraphQLClient } from "../listener-kit/portal-graphql-client.js";
import { portalLookups } from "../listener-kit/portal-lookups.js";

/** A person a mail goes to. `locale` null means the default template (`en`). */
export interface MailRecipient {
  readonly userId: string | null;
  readonly email: string;
  readonly name: string;
  readonly locale: string | null;
}

export interface SubscriptionNames {
  readonly applicationName: string | null;
  readonly apiName: string;
  readonly planName: string;
}

/**
 * What a mail needs but an event only identifies, read from the portal as the mailer's service account. An
 * unreachable portal throws `PortalUnavailableError`, so the batch comes back later.
 */
export interface MailLookups {
  /** Null when the user is gone or disabled. */
  recipient(userId: string): Promise<MailRecipient | null>;
  /** The approvers of the group, or the administrators when it has none (or the group is null). */
  approvers(groupId: string | null): Promise<readonly MailRecipient[]>;
  administrators(): Promise<readonly MailRecipient[]>;
  /** The owners of an application (empty when it is gone). */
  applicationOwners(applicationId: string): Promise<readonly MailRecipient[]>;
  subscription(subscriptionId: string): Promise<SubscriptionNames | null>;
  applicationName(applicationId: string): Promise<string | null>;
  listenerUrl(listenerId: string): Promise<string | null>;
}

const recipientFields = "userId email name locale";

async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof PortalGraphQLError) return null;
    throw error;
  }
}

export function portalMailLookups(client: PortalGraphQLClient): MailLookups {
  // Names of subscriptions, applications and listeners are read the same way as the chatbot reads them.
  const shared = portalLookups(client);
  const recipient = async (userId: string) => {
    const data = await orNull(
      client.request<{ messageRecipient: MailRecipient | null }>(
        `query MailRecipient($id: ID!) { messageRecipient(userId: $id) { ${recipientFields} } }`,
        { id: userId },
      ),
    );
    return data?.messageRecipient ?? null;
  };
  return {
    recipient,
    async approvers(groupId) {
      const data = await client.request<{ approvalRecipients: MailRecipient[] }>(
        `query MailApprovers($group: ID) { approvalRecipients(groupId: $group) { ${recipientFields} } }`,
        { group: groupId },
      );
      return data.approvalRecipients;
    },
    async administrators() {
      const data = await client.request<{ administratorRecipients: MailRecipient[] }>(
        `query MailAdministrators { administratorRecipients { ${recipientFields} } }`,
      );
      return data.administratorRecipients;
    },
    async applicationOwners(applicationId) {
      const data = await orNull(
        client.request<{ application: { members: { role: string; user: { id: string } }[] } | null }>(
          "query MailApplicationOwners($id: ID!) { application(id: $id) { members { role user { id } } } }",
          { id: applicationId },
        ),
      );
      const owners = (data?.application?.members ?? []).filter((member) => member.role === "OWNER");
      const found = await Promise.all(owners.map((owner) => recipient(owner.user.id)));
      return found.filter((r): r is MailRecipient => r !== null);
    },
    subscription: (subscriptionId) => shared.subscription(subscriptionId),
    applicationName: (applicationId) => shared.applicationName(applicationId),
    async listenerUrl(listenerId) {
      return (await shared.listener(listenerId))?.url ?? null;
    },
  };
}
