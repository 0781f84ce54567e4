import type { DesiredApi, DesiredConfiguration, DesiredConsumer } from "./desired-state.js";

/** A small desired state for unit tests: a key-auth API, an OAuth2 API, a plan with a rate limit. */
export function sampleApi(id: string, overrides: Partial<DesiredApi> = {}): DesiredApi {
  return {
    id,
    name: `${id} API`,
    deprecated: false,
    upstream: {
      url: `http://${id}.internal:8080/v1`,
      connectTimeoutMs: 5000,
      readTimeoutMs: 30000,
      writeTimeoutMs: 30000,
      retries: 2,
    },
    routes: [
      {
        paths: [`/${id}`],
        hosts: [],
        methods: ["GET", "POST"],
        protocols: ["https", "http"],
        stripPath: true,
        preserveHost: false,
      },
    ],
    auth: {
      type: "KEY_AUTH",
      keyHeaderName: "X-ApiKey",
      hideCredentials: true,
      oauth2Flows: [],
      scopes: [],
      tokenTtlSeconds: null,
      refreshTokenTtlSeconds: null,
    },
    plugins: [{ name: "correlation-id", config: { header_name: "X-Correlation-ID", generator: "uuid" } }],
    planIds: ["basic"],
    ...overrides,
  };
}

export function sampleOAuthApi(id: string): DesiredApi {
  return sampleApi(id, {
    auth: {
      type: "OAUTH2",
      keyHeaderName: null,
      hideCredentials: true,
      oauth2Flows: ["authorization_code", "client_credentials"],
      scopes: ["read", "write"],
      tokenTtlSeconds: 1800,
      refreshTokenTtlSeconds: 604800,
    },
    plugins: [],
  });
}

export function sampleConfiguration(apis: readonly DesiredApi[]): DesiredConfiguration {
  return {
    configHash: "test",
    apis,
    plans: [
      {
        id: "basic",
        name: "Basic",
        plugins: [{ name: "rate-limiting", config: { minute: 600, policy: "local" } }],
      },
    ],
  };
}

export function keyConsumer(
  subscriptionId: string,
  applicationId: string,
  apiId: string,
  keys: readonly { key: string; expiresAt?: string }[],
): DesiredConsumer {
  return {
    subscriptionId,
    applicationId,
    apiId,
    planId: "basic",
    status: "APPROVED",
    clientType: "CONFIDENTIAL",
    redirectUris: [],
    credentials: keys.map((k, index) => ({
      id: `${subscriptionId}-cred-${index}`,
      kind: "API_KEY",
      apiKey: k.key,
      clientId: null,
      clientSecret: null,
      expiresAt: k.expiresAt ?? null,
    })),
  };
}

export function oauthConsumer(
  subscriptionId: string,
  applicationId: string,
  apiId: string,
  redirectUris: readonly string[],
): DesiredConsumer {
  return {
    subscriptionId,
    applicationId,
    apiId,
    planId: "basic",
    status: "APPROVED",
    clientType: "CONFIDENTIAL",
    redirectUris,
    credentials: [
      {
        id: `${subscriptionId}-oauth`,
        kind: "OAUTH2",
        apiKey: null,
        clientId: `client-${subscriptionId}`,
        clientSecret: `secret-${subscriptionId}`,
        expiresAt: null,
      },
    ],
  };
}
