import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { ApplicationHooks } from "../applications/application.hooks.js";
import { ApprovalService } from "../approvals/approvals.service.js";
import { CredentialIssuer } from "../credentials/credential-issuer.js";
import { CredentialService } from "../credentials/credential.service.js";
import { keyRingSource } from "../crypto/key-ring-source.js";
import type { Tables } from "../database/tables.js";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { subscriptionApplicationHooks } from "./subscription-application-hooks.js";
import { SubscriptionService } from "./subscriptions.service.js";

/** Subscriptions, their credentials and the approval queue, as `services.subscriptions`. */
export interface SubscriptionServices {
  /** Subscribe, unsubscribe, change plans, provisioning receipts, read subscriptions. */
  readonly subscriptions: SubscriptionService;
  /** Show (decrypted, to those allowed), rotate and purge credentials. */
  readonly credentials: CredentialService;
  /** The approval queue, approve and decline. */
  readonly approvals: ApprovalService;
  /** Pass to `createApplicationServices(deps, { hooks: [applicationHooks] })`. */
  readonly applicationHooks: ApplicationHooks;
  /** Issues and decrypts credentials (shared with the gateway's desired state). */
  readonly issuer: CredentialIssuer;
}

export function createSubscriptionServices(deps: {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly runtime: Pick<RuntimeConfig, "encryptionKeys" | "dataDir">;
  readonly logger: Logger;
  readonly clock: () => Date;
}): SubscriptionServices {
  const issuer = new CredentialIssuer(keyRingSource(deps.runtime, deps.logger));
  const base = { db: deps.db, config: deps.config, clock: deps.clock, issuer };
  const applicationHooks = subscriptionApplicationHooks({
    config: deps.config,
    subscriptions: () => subscriptions,
  });
  const subscriptions = new SubscriptionService({ ...base, hooks: [applicationHooks] });
  return {
    subscriptions,
    credentials: new CredentialService(base),
    approvals: new ApprovalService(base),
    applicationHooks,
    issuer,
  };
}
