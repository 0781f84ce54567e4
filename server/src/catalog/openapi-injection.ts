import type { Api, DeepReadonly } from "../static-config/static-config.js";
import type { GatewayEndpoints } from "./gateway-endpoints.js";

type JsonObject = Record<string, unknown>;

const operationMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The portal's security schemes for an API, by name, in OpenAPI 3 form; empty for `auth: none`. */
function openApi3Schemes(api: Api, endpoints: GatewayEndpoints): JsonObject {
  const auth = api.auth;
  switch (auth.type) {
    case "none":
      return {};
    case "key-auth":
      return { apiKey: { type: "apiKey", in: "header", name: auth.headerName } };
    case "oauth2": {
      const scopes = Object.fromEntries(auth.scopes.map((scope) => [scope.id, scope.description]));
      const flows: JsonObject = {};
      if (auth.flows.includes("client_credentials"))
        flows.clientCredentials = { tokenUrl: endpoints.tokenUrl, scopes };
      if (auth.flows.includes("authorization_code")) {
        flows.authorizationCode = {
          authorizationUrl: endpoints.authorizationUrl,
          tokenUrl: endpoints.tokenUrl,
          ...(auth.refreshTokenTtlSeconds > 0 ? { refreshUrl: endpoints.tokenUrl } : {}),
          scopes,
        };
      }
      return { oauth2: { type: "oauth2", flows } };
    }
  }
}

/**
 * The same in Swagger 2 form (`securityDefinitions`), where one definition has one flow: `oauth2` is the client
 * credentials flow (`application`), or the authorization code flow (`accessCode`) when that is the only one;
 * `oauth2AuthorizationCode` is the authorization code flow next to client credentials.
 */
function swagger2Definitions(api: Api, endpoints: GatewayEndpoints): JsonObject {
  const auth = api.auth;
  switch (auth.type) {
    case "none":
      return {};
    case "key-auth":
      return { apiKey: { type: "apiKey", in: "header", name: auth.headerName } };
    case "oauth2": {
      const scopes = Object.fromEntries(auth.scopes.map((scope) => [scope.id, scope.description]));
      const application = { type: "oauth2", flow: "application", tokenUrl: endpoints.tokenUrl, scopes };
      const accessCode = {
        type: "oauth2",
        flow: "accessCode",
        authorizationUrl: endpoints.authorizationUrl,
        tokenUrl: endpoints.tokenUrl,
        scopes,
      };
      const clientCredentials = auth.flows.includes("client_credentials");
      const authorizationCode = auth.flows.includes("authorization_code");
      if (clientCredentials && authorizationCode)
        return { oauth2: application, oauth2AuthorizationCode: accessCode };
      return { oauth2: clientCredentials ? application : accessCode };
    }
  }
}

/**
 * Operation-level `security` may only name the portal's schemes (a requirement naming anything else is dropped,
 * since the gateway enforces the portal's auth on every operation). Where nothing is left, or for `auth: none`,
 * the operation falls back to the global requirement.
 */
function keepOperationSecurity(paths: unknown, schemeNames: readonly string[]): void {
  if (!isObject(paths)) return;
  for (const pathItem of Object.values(paths)) {
    if (!isObject(pathItem)) continue;
    for (const method of operationMethods) {
      const operation = pathItem[method];
      if (!isObject(operation) || !("security" in operation)) continue;
      const kept = Array.isArray(operation.security)
        ? operation.security.filter(
            (requirement) =>
              isObject(requirement) &&
              Object.keys(requirement).length > 0 &&
              Object.keys(requirement).every((name) => schemeNames.includes(name)),
          )
        : [];
      if (kept.length === 0) delete operation.security;
      else operation.security = kept;
    }
  }
}

/** Either scheme alone satisfies the requirement (one entry per scheme = alternatives). */
function globalSecurity(schemeNames: readonly string[]): JsonObject[] {
  return schemeNames.map((name) => ({ [name]: [] }));
}

function injectOpenApi3(document: JsonObject, api: Api, endpoints: GatewayEndpoints): void {
  document.servers = [{ url: endpoints.baseUrl }];
  const schemes = openApi3Schemes(api, endpoints);
  const names = Object.keys(schemes);
  const components = isObject(document.components) ? document.components : {};
  if (names.length > 0) {
    components.securitySchemes = schemes;
    document.components = components;
    document.security = globalSecurity(names);
  } else {
    delete components.securitySchemes;
    delete document.security;
    if (isObject(document.components) && Object.keys(components).length === 0) delete document.components;
  }
  keepOperationSecurity(document.paths, names);
}

function injectSwagger2(document: JsonObject, api: Api, endpoints: GatewayEndpoints): void {
  const url = new URL(endpoints.baseUrl);
  document.host = url.host;
  document.basePath = url.pathname.replace(/\/+$/, "") || "/";
  document.schemes = [url.protocol.replace(/:$/, "")];
  const definitions = swagger2Definitions(api, endpoints);
  const names = Object.keys(definitions);
  if (names.length > 0) {
    document.securityDefinitions = definitions;
    document.security = globalSecurity(names);
  } else {
    delete document.securityDefinitions;
    delete document.security;
  }
  keepOperationSecurity(document.paths, names);
}

/**
 * A copy of an API's OpenAPI 3 or Swagger 2 document as clients of the portal must use it: the gateway as the
 * only server (OpenAPI 3 `servers`; Swagger 2 `host`, `basePath`, `schemes`), and the portal's security in place
 * of whatever the document declared:
 *
 * - `key-auth`: an `apiKey` scheme in the configured header, required globally;
 * - `oauth2`: an `oauth2` scheme with the flows the API enables (client credentials and/or authorization code) at
 *   Kong's oauth2 endpoints on the API's route, with the API's scopes, required globally;
 * - `none`: no schemes and no security requirements.
 *
 * The input (part of the frozen static configuration) is never changed; call once per API and cache the result.
 */
export function injectPortalSecurity(
  document: DeepReadonly<JsonObject>,
  api: Api,
  endpoints: GatewayEndpoints,
): JsonObject {
  const copy = structuredClone<JsonObject>(document);
  if ("swagger" in copy) injectSwagger2(copy, api, endpoints);
  else injectOpenApi3(copy, api, endpoints);
  return copy;
}
