import type { Kysely } from "kysely";
import { z } from "zod";
import type { Actor } from "../actor/actor.js";
import type { CredentialIssuer } from "../credentials/credential-issuer.js";
import { listValidCredentialsOf } from "../credentials/credential.repository.js";
import type { Credential, RevealedCredential } from "../credentials/credential.types.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { parseInput } from "../errors/input-validation.js";
import { toPage, type Page, type PageRequest } from "../graphql/connection.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { gatewayPolicy } from "./gateway.policy.js";
import {
  countProvisionedSubscriptions,
  listApplicationsByIds,
  listProvisionedSubscriptionsPage,
} from "./gateway.repository.js";
import type { GatewayConsumer, GatewayConsumerFilter, GatewayDesiredConfiguration } from "./gateway.types.js";

export const MAX_FILTER_IDS = 1000;

const ids = z
  .array(z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"))
  .max(MAX_FILTER_IDS, `must list at most ${MAX_FILTER_IDS} ids`)
  .nullish();

const filterSchema = z.object({
  filter: z.object({ subscriptionIds: ids, apiIds: ids, applicationIds: ids }).nullish(),
});
const apiIdsSchema = z.object({ apiIds: ids });

export interface GatewayServiceDeps {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly clock: () => Date;
  readonly issuer: CredentialIssuer;
}

/**
 * What the API gateway must hold, for the gateway adapter: the APIs and plans of the static configuration and
 * the consumers (subscriptions with credentials). Secrets are decrypted here, for read-write service accounts only.
 */
export class GatewayService {
  constructor(private readonly deps: GatewayServiceDeps) {}

  /** The APIs (all, or those of `apiIds`; unknown ids are left out) and every plan. */
  configuration(actor: Actor, input: { apiIds?: readonly string[] | null }): GatewayDesiredConfiguration {
    gatewayPolicy.read(actor);
    const { apiIds } = parseInput(apiIdsSchema, input);
    const { config } = this.deps;
    const wanted = apiIds ? new Set(apiIds) : null;
    return {
      configHash: config.hash,
      apis: wanted ? config.apis.filter((api) => wanted.has(api.id)) : config.apis,
      plans: config.plans,
    };
  }

  /**
   * A page of consumers in subscription id order. A fixed number of statements whatever the page size: the page,
   * the count, the applications and the credentials.
   */
  async consumers(
    actor: Actor,
    filterInput: GatewayConsumerFilter | null | undefined,
    page: PageRequest,
  ): Promise<Page<GatewayConsumer>> {
    gatewayPolicy.read(actor);
    const filter = parseInput(filterSchema, { filter: filterInput }).filter ?? {};
    const afterId = afterIdOf(page);
    const { db } = this.deps;
    const [subscriptions, totalCount] = await Promise.all([
      listProvisionedSubscriptionsPage(db, filter, afterId, page.first + 1),
      countProvisionedSubscriptions(db, filter),
    ]);
    const onPage = subscriptions.slice(0, page.first);
    const [applications, credentials] = await Promise.all([
      listApplicationsByIds(
        db,
        onPage.map((s) => s.applicationId),
      ),
      listValidCredentialsOf(
        db,
        onPage.map((s) => s.id),
        this.deps.clock(),
      ),
    ]);
    const applicationById = new Map(applications.map((application) => [application.id, application]));
    const credentialsBySubscription = new Map<string, RevealedCredential[]>();
    const reveal = gatewayPolicy.canRevealSecrets(actor);
    for (const credential of credentials) {
      const list = credentialsBySubscription.get(credential.subscriptionId) ?? [];
      list.push(reveal ? this.deps.issuer.reveal(credential) : withoutSecret(credential));
      credentialsBySubscription.set(credential.subscriptionId, list);
    }
    const consumers = subscriptions.map((subscription): GatewayConsumer => {
      const application = applicationById.get(subscription.applicationId);
      return {
        subscriptionId: subscription.id,
        applicationId: subscription.applicationId,
        apiId: subscription.apiId,
        planId: subscription.planId,
        status: subscription.status,
        clientType: application?.clientType ?? "confidential",
        redirectUris: application?.redirectUris ?? [],
        credentials: credentialsBySubscription.get(subscription.id) ?? [],
      };
    });
    return toPage(consumers, page, totalCount, (consumer) => [consumer.subscriptionId]);
  }
}

function afterIdOf(page: PageRequest): string | null {
  if (page.after === null) return null;
  const [id] = page.after;
  if (page.after.length !== 1 || typeof id !== "string") {
    throw DomainError.validation([
      { field: "after", code: "INVALID_CURSOR", message: "is not a cursor of this list" },
    ]);
  }
  return id;
}

/** The credential as administrators see it here: ids and expiry, no secret (the client id is not one). */
function withoutSecret(credential: Credential): RevealedCredential {
  return {
    id: credential.id,
    subscriptionId: credential.subscriptionId,
    kind: credential.kind,
    apiKey: null,
    clientId: credential.clientId,
    clientSecret: null,
    createdAt: credential.createdAt,
    expiresAt: credential.expiresAt,
  };
}
