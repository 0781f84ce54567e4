import type { Kysely } from "kysely";
import type { ApplicationHooks } from "../applications/application.hooks.js";
import type { Application } from "../applications/application.types.js";
import { clientHasSecret } from "../applications/client-type.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { findApi, type StaticConfig } from "../static-config/static-config.js";
import { applicationsReadableByApprover } from "./approver-application-access.js";
import { listSubscriptionsOfApplications } from "./subscription.repository.js";
import type { SubscriptionService } from "./subscriptions.service.js";

/**
 * How subscriptions take part in what happens to applications:
 * - deleting an application removes its subscriptions first, one `subscription.deleted` event each, in the same
 *   transaction;
 * - an update may not remove the last redirect URI while an authorization_code API is subscribed, nor switch
 *   between a client type with a secret and one without while OAuth2 credentials exist (unsubscribe first);
 * - approvers may read the applications subscribed to an API they decide on.
 */
export function subscriptionApplicationHooks(deps: {
  readonly config: StaticConfig;
  readonly subscriptions: () => SubscriptionService;
}): ApplicationHooks {
  return {
    beforeApplicationDelete: (trx, actor, application) =>
      deps.subscriptions().removeAllOfApplication(trx, actor, application),
    afterApplicationUpdate: (trx, _actor, change) =>
      checkUpdate(trx, deps.config, change.before, change.after),
    approverMayRead: (db, approver, applicationIds) =>
      applicationsReadableByApprover(db, deps.config, approver, applicationIds),
  };
}

async function checkUpdate(
  trx: Kysely<Tables>,
  config: StaticConfig,
  before: Application,
  after: Application,
): Promise<void> {
  const secretChanges = clientHasSecret(before.clientType) !== clientHasSecret(after.clientType);
  const losesRedirects = before.redirectUris.length > 0 && after.redirectUris.length === 0;
  if (!secretChanges && !losesRedirects) return;
  const oauth2 = (await listSubscriptionsOfApplications(trx, [after.id]))
    .map((subscription) => findApi(config, subscription.apiId))
    .filter((api) => api?.auth.type === "oauth2");
  const needingRedirects = oauth2.filter(
    (api) => api?.auth.type === "oauth2" && api.auth.flows.includes("authorization_code"),
  );
  const fields = [];
  if (losesRedirects && needingRedirects.length > 0) {
    fields.push({
      field: "redirectUris",
      code: "REDIRECT_URI_REQUIRED",
      message: `must not be empty while subscribed to ${needingRedirects.map((api) => `"${api?.id}"`).join(", ")} (authorization_code flow)`,
    });
  }
  if (secretChanges && oauth2.length > 0) {
    fields.push({
      field: "clientType",
      code: "OAUTH2_SUBSCRIPTIONS",
      message: `cannot switch between a client with a secret and one without while subscribed to OAuth2 APIs (${oauth2.map((api) => `"${api?.id}"`).join(", ")}); unsubscribe first`,
    });
  }
  if (fields.length > 0) throw DomainError.validation(fields);
}
