import type { Api } from "../static-config/static-config.js";

/** Where an API is reached at the gateway (Kong), from the portal's point of view. */
export interface GatewayEndpoints {
  /** The gateway's public URL plus the API's first route path, e.g. `https://api.acme.example/orders/v2`. */
  readonly baseUrl: string;
  /** Kong's oauth2 plugin serves these below every route of an oauth2 API. */
  readonly tokenUrl: string;
  readonly authorizationUrl: string;
}

/** `gatewayUrl` is `portal.urls.apiGateway` (validated without a trailing slash). */
export function gatewayEndpoints(gatewayUrl: string, api: Api): GatewayEndpoints {
  const path = (api.routes[0]?.paths[0] ?? "/").replace(/\/+$/, "");
  const baseUrl = `${gatewayUrl}${path}`;
  return {
    baseUrl,
    tokenUrl: `${baseUrl}/oauth2/token`,
    authorizationUrl: `${baseUrl}/oauth2/authorize`,
  };
}
