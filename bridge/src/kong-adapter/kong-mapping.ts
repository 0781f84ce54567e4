import type { DesiredApi, DesiredConfiguration, DesiredConsumer, DesiredPlan } from "./desired-state.js";
import { aclKey, type KongObject } from "./kong-objects.js";
import type { KongNaming } from "./kong-naming.js";

/**
 * The pure mapping from the portal's desired state to Kong objects: one service per API with its routes, its
 * auth plugin (key-auth or oauth2), an acl plugin allowing the API's group, and its own plugins; one consumer per
 * subscription with credentials (custom_id = subscription id), its credentials, its acl group and the plan's
 * plugins scoped to it on the API's service.
 */

/** Kong's service fields from a URL (Kong's own `url` shorthand is write-only, so it cannot be compared). */
export function upstreamFields(url: string): Record<string, unknown> {
  const parsed = new URL(url);
  const protocol = parsed.protocol.replace(":", "");
  const hasPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]+\//i.test(url);
  return {
    protocol,
    host: parsed.hostname.replace(/^\[|\]$/g, ""),
    port: parsed.port ? Number(parsed.port) : protocol === "https" ? 443 : 80,
    path: hasPath ? parsed.pathname : null,
  };
}

/** Kong has no switch to turn refresh tokens off and reads 0 as "never expire"; 1 s makes them useless instead. */
function refreshTokenTtl(seconds: number | null): number {
  return seconds === null ? 1_209_600 : Math.max(seconds, 1);
}

function authPlugin(api: DesiredApi): { name: string; config: Record<string, unknown> } | null {
  const { auth } = api;
  switch (auth.type) {
    case "NONE":
      return null;
    case "KEY_AUTH":
      return {
        name: "key-auth",
        config: { key_names: [auth.keyHeaderName ?? "X-ApiKey"], hide_credentials: auth.hideCredentials },
      };
    case "OAUTH2":
      return {
        name: "oauth2",
        config: {
          scopes: auth.scopes.length > 0 ? [...auth.scopes] : null,
          token_expiration: auth.tokenTtlSeconds ?? 3600,
          enable_authorization_code: auth.oauth2Flows.includes("authorization_code"),
          enable_client_credentials: auth.oauth2Flows.includes("client_credentials"),
          enable_implicit_grant: false,
          enable_password_grant: false,
          refresh_token_ttl: refreshTokenTtl(auth.refreshTokenTtlSeconds),
          hide_credentials: auth.hideCredentials,
          accept_http_if_already_terminated: true,
        },
      };
  }
}

export function mapApi(api: DesiredApi, naming: KongNaming): KongObject[] {
  const service = naming.service(api.id);
  const owner = { apiId: api.id };
  const tags = [...naming.tags];
  const objects: KongObject[] = [
    {
      kind: "service",
      key: service,
      fields: {
        name: service,
        ...upstreamFields(api.upstream.url),
        retries: api.upstream.retries,
        connect_timeout: api.upstream.connectTimeoutMs,
        read_timeout: api.upstream.readTimeoutMs,
        write_timeout: api.upstream.writeTimeoutMs,
        enabled: true,
        tags,
      },
      refs: {},
      owner,
    },
  ];
  api.routes.forEach((route, index) => {
    const name = naming.route(api.id, index);
    objects.push({
      kind: "route",
      key: name,
      fields: {
        name,
        paths: [...route.paths],
        hosts: route.hosts.length > 0 ? [...route.hosts] : null,
        methods: route.methods.length > 0 ? [...route.methods] : null,
        protocols: [...route.protocols],
        strip_path: route.stripPath,
        preserve_host: route.preserveHost,
        tags,
      },
      refs: { service },
      owner,
    });
  });
  const auth = authPlugin(api);
  const plugins = auth
    ? [
        auth,
        { name: "acl", config: { allow: [naming.group(api.id)], hide_groups_header: true } },
        ...api.plugins,
      ]
    : api.plugins;
  for (const plugin of plugins) {
    const instance = naming.servicePlugin(api.id, plugin.name);
    objects.push({
      kind: "plugin",
      key: instance,
      fields: {
        name: plugin.name,
        instance_name: instance,
        config: { ...plugin.config },
        enabled: true,
        tags,
      },
      refs: { service, consumer: null },
      owner,
    });
  }
  return objects;
}

/** Kong knows two OAuth2 client types. */
function oauthClientType(consumer: DesiredConsumer): "confidential" | "public" {
  return consumer.clientType === "CONFIDENTIAL" ? "confidential" : "public";
}

/**
 * The consumer of one subscription, or none when its API is gone or has no authentication. Credentials that
 * expired by `now` are left out (so the next reconcile after a rotation's overlap removes the old key).
 */
export function mapConsumer(
  consumer: DesiredConsumer,
  api: DesiredApi | undefined,
  plan: DesiredPlan | undefined,
  naming: KongNaming,
  now: Date,
): KongObject[] {
  if (!api || api.auth.type === "NONE") return [];
  const username = naming.consumer(consumer.applicationId, consumer.apiId);
  const service = naming.service(api.id);
  const owner = { subscriptionId: consumer.subscriptionId };
  const tags = [...naming.tags];
  const refs = { consumer: username };
  const objects: KongObject[] = [
    {
      kind: "consumer",
      key: username,
      fields: { username, custom_id: consumer.subscriptionId, tags },
      refs: {},
      owner,
    },
  ];
  for (const credential of consumer.credentials) {
    if (credential.expiresAt !== null && Date.parse(credential.expiresAt) <= now.getTime()) continue;
    if (credential.kind === "API_KEY" && credential.apiKey !== null && api.auth.type === "KEY_AUTH") {
      objects.push({
        kind: "keyauth",
        key: credential.apiKey,
        fields: { key: credential.apiKey, tags },
        refs,
        owner,
      });
    } else if (credential.kind === "OAUTH2" && credential.clientId !== null && api.auth.type === "OAUTH2") {
      objects.push({
        kind: "oauth2",
        key: credential.clientId,
        fields: {
          name: consumer.applicationId,
          client_id: credential.clientId,
          // Kong wants both or neither; a public client has no secret (Kong then generates an unused one).
          ...(credential.clientSecret !== null
            ? { client_secret: credential.clientSecret, hash_secret: false }
            : {}),
          client_type: oauthClientType(consumer),
          redirect_uris: consumer.redirectUris.length > 0 ? [...consumer.redirectUris] : null,
          tags,
        },
        refs,
        owner,
      });
    }
  }
  const group = naming.group(api.id);
  objects.push({ kind: "acl", key: aclKey(username, group), fields: { group, tags }, refs, owner });
  for (const plugin of plan?.plugins ?? []) {
    const instance = naming.consumerPlugin(consumer.applicationId, consumer.apiId, plugin.name);
    objects.push({
      kind: "plugin",
      key: instance,
      fields: {
        name: plugin.name,
        instance_name: instance,
        config: { ...plugin.config },
        enabled: true,
        tags,
      },
      refs: { service, consumer: username },
      owner,
    });
  }
  return objects;
}

export function mapConsumers(
  configuration: DesiredConfiguration,
  consumers: readonly DesiredConsumer[],
  naming: KongNaming,
  now: Date,
): KongObject[] {
  const apis = new Map(configuration.apis.map((api) => [api.id, api]));
  const plans = new Map(configuration.plans.map((plan) => [plan.id, plan]));
  return consumers.flatMap((consumer) =>
    mapConsumer(consumer, apis.get(consumer.apiId), plans.get(consumer.planId), naming, now),
  );
}

/** Everything the gateway must hold. */
export function mapDesiredState(
  configuration: DesiredConfiguration,
  consumers: readonly DesiredConsumer[],
  naming: KongNaming,
  now: Date,
): KongObject[] {
  return [
    ...configuration.apis.flatMap((api) => mapApi(api, naming)),
    ...mapConsumers(configuration, consumers, naming, now),
  ];
}
