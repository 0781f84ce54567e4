import type { Actor } from "../actor/actor.js";
import type { Application } from "../applications/application.types.js";
import { catalogViewerOf } from "../catalog/catalog-viewer.js";
import { catalogPolicy } from "../catalog/catalog.policy.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { findApi, findPlan, type Api, type Plan, type StaticConfig } from "../static-config/static-config.js";

/**
 * The API to subscribe to: it must exist and the caller must see its details in the catalog (`catalogPolicy`:
 * administrators see all; otherwise its required group must be one of the caller's, so a `partner` API listed to
 * everyone is subscribed only by members), not be deprecated, and have an authentication method that issues
 * credentials. An API the caller may not see is NOT_FOUND, like one that does not exist.
 */
export function subscribableApi(config: StaticConfig, actor: Actor, apiId: string): Api {
  const api = findApi(config, apiId);
  if (!api || catalogPolicy.apiAccess(catalogViewerOf(actor), api) !== "details") {
    throw DomainError.notFound("API", apiId);
  }
  if (api.deprecated) {
    throw DomainError.validation([
      {
        field: "apiId",
        code: "DEPRECATED",
        message: `API "${api.id}" is deprecated and takes no new subscriptions`,
      },
    ]);
  }
  if (api.auth.type === "none") {
    throw DomainError.validation([
      {
        field: "apiId",
        code: "NO_AUTHENTICATION",
        message: `API "${api.id}" needs no credentials; call it without subscribing`,
      },
    ]);
  }
  return api;
}

/** The plan: one of the API's plans, and allowed for the caller's groups (administrators may use every plan). */
export function allowedPlan(config: StaticConfig, actor: Actor, api: Api, planId: string): Plan {
  const plan = api.plans.includes(planId) ? findPlan(config, planId) : undefined;
  if (!plan) {
    throw DomainError.validation([
      {
        field: "planId",
        code: "NOT_A_PLAN_OF_THE_API",
        message: `is not a plan of API "${api.id}" (its plans: ${api.plans.join(", ") || "none"})`,
      },
    ]);
  }
  if (!catalogPolicy.planAllowed(catalogViewerOf(actor), plan)) {
    throw DomainError.validation([
      {
        field: "planId",
        code: "PLAN_NOT_ALLOWED",
        message: `plan "${plan.id}" is only for members of group "${plan.requiredGroup ?? ""}"`,
      },
    ]);
  }
  return plan;
}

/** An OAuth2 API with the authorization_code flow redirects to the application, so it needs a redirect URI. */
export function requireRedirectUriIfNeeded(api: Api, application: Application): void {
  if (api.auth.type !== "oauth2" || !api.auth.flows.includes("authorization_code")) return;
  if (application.redirectUris.length > 0) return;
  throw DomainError.validation([
    {
      field: "applicationId",
      code: "REDIRECT_URI_REQUIRED",
      message: `API "${api.id}" uses the authorization_code flow: add a redirect URI to application "${application.id}" first`,
    },
  ]);
}

export function alreadySubscribed(applicationId: string, apiId: string): DomainError {
  return new DomainError(
    ErrorCode.CONFLICT,
    `Application "${applicationId}" is already subscribed to API "${apiId}"; change the plan of that subscription instead`,
  );
}
