import type { ClientTypeValue } from "../applications/application.graphql.js";
import type { CredentialKindValue } from "../credentials/credential.graphql.js";
import type { Api, GatewayPlugin, Plan } from "../static-config/static-config.js";
import type { SubscriptionStatusValue } from "../subscriptions/subscription.graphql.js";
import type {
  GatewayApiObject,
  GatewayAuthObject,
  GatewayAuthTypeValue,
  GatewayConfigurationObject,
  GatewayConsumerObject,
  GatewayPluginObject,
} from "./gateway.graphql.js";
import type { GatewayConsumer, GatewayDesiredConfiguration } from "./gateway.types.js";

/** The GraphQL shapes of the gateway's desired state (the enums' values are the portal's own). */

function plugins(list: readonly GatewayPlugin[]): GatewayPluginObject[] {
  return list.map((plugin) => ({ name: plugin.name, config: plugin.config }));
}

function auth(api: Api): GatewayAuthObject {
  const base = {
    type: api.auth.type as GatewayAuthTypeValue,
    keyHeaderName: null,
    hideCredentials: true,
    oauth2Flows: [],
    scopes: [],
    tokenTtlSeconds: null,
    refreshTokenTtlSeconds: null,
  };
  switch (api.auth.type) {
    case "none":
      return { ...base, hideCredentials: false };
    case "key-auth":
      return { ...base, keyHeaderName: api.auth.headerName, hideCredentials: api.auth.hideCredentials };
    case "oauth2":
      return {
        ...base,
        oauth2Flows: [...api.auth.flows],
        scopes: api.auth.scopes.map((scope) => scope.id),
        tokenTtlSeconds: api.auth.tokenTtlSeconds,
        refreshTokenTtlSeconds: api.auth.refreshTokenTtlSeconds,
      };
  }
}

function api(source: Api): GatewayApiObject {
  return {
    id: source.id,
    name: source.name,
    deprecated: source.deprecated,
    upstream: { ...source.upstream },
    routes: source.routes.map((route) => ({
      paths: [...route.paths],
      hosts: [...route.hosts],
      methods: [...route.methods],
      protocols: [...route.protocols],
      stripPath: route.stripPath,
      preserveHost: route.preserveHost,
    })),
    auth: auth(source),
    plugins: plugins(source.plugins),
    planIds: [...source.plans],
  };
}

function plan(source: Plan) {
  return { id: source.id, name: source.name, plugins: plugins(source.plugins) };
}

export function toGatewayConfigurationObject(state: GatewayDesiredConfiguration): GatewayConfigurationObject {
  return { configHash: state.configHash, apis: state.apis.map(api), plans: state.plans.map(plan) };
}

export function toGatewayConsumerObject(consumer: GatewayConsumer): GatewayConsumerObject {
  return {
    subscriptionId: consumer.subscriptionId,
    applicationId: consumer.applicationId,
    apiId: consumer.apiId,
    planId: consumer.planId,
    status: consumer.status as SubscriptionStatusValue,
    clientType: consumer.clientType as ClientTypeValue,
    redirectUris: [...consumer.redirectUris],
    credentials: consumer.credentials.map((credential) => ({
      id: credential.id,
      kind: credential.kind as CredentialKindValue,
      apiKey: credential.apiKey,
      clientId: credential.clientId,
      clientSecret: credential.clientSecret,
      expiresAt: credential.expiresAt,
    })),
  };
}
