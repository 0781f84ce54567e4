import { encodeCursor } from "../graphql/connection.js";
import { renderMarkdown } from "../markdown/markdown.js";
import { deepFreeze } from "../static-config/deep-freeze.js";
import type { Api, Plan, StaticConfig } from "../static-config/static-config.js";
import type { ApiView, OAuth2View, PlanView } from "./catalog.types.js";
import { gatewayEndpoints } from "./gateway-endpoints.js";
import { injectPortalSecurity } from "./openapi-injection.js";
import { rateLimitSummary } from "./rate-limit-summary.js";

/** A plan of an API, with its view prepared. */
export interface IndexedPlan {
  readonly plan: Plan;
  readonly view: PlanView;
}

/** Everything about one API that does not depend on the viewer, computed once per configuration. */
export interface IndexedApi {
  readonly api: Api;
  /** `[name, id]`: the API's position in the catalog order, encoded as the connection cursor. */
  readonly cursor: string;
  /** Lower-cased name, summary and tags: searchable by everyone who sees the listing. */
  readonly listingText: string;
  /** Lower-cased markdown description: searchable only by viewers who see the details. */
  readonly detailText: string;
  /** Lower-cased tags. */
  readonly tagKeys: ReadonlySet<string>;
  readonly plans: readonly IndexedPlan[];
  /** The API with details hidden, as partner APIs are listed to non-members. */
  readonly listing: ApiView;
  /** The API with every detail and every plan (what administrators see, before `subscribable`). */
  readonly details: ApiView;
}

/** The catalog of one static configuration: APIs in catalog order, by id, and what views depend on. */
export interface CatalogIndex {
  readonly apis: readonly IndexedApi[];
  readonly byId: ReadonlyMap<string, IndexedApi>;
  /** Every group that an API, plan or content page requires: the only groups that change what a viewer sees. */
  readonly relevantGroups: ReadonlySet<string>;
}

/** Catalog order: name (case-insensitive first, then exact), then id; plain code-unit comparison, so stable. */
export function compareCatalogKeys(
  a: readonly [name: string, id: string],
  b: readonly [name: string, id: string],
): number {
  const [aLower, bLower] = [a[0].toLowerCase(), b[0].toLowerCase()];
  if (aLower !== bLower) return aLower < bLower ? -1 : 1;
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  if (a[1] !== b[1]) return a[1] < b[1] ? -1 : 1;
  return 0;
}

function indexPlan(plan: Plan): IndexedPlan {
  return {
    plan,
    view: deepFreeze({
      id: plan.id,
      name: plan.name,
      descriptionHtml: renderMarkdown(plan.description),
      needsApproval: plan.needsApproval,
      limits: rateLimitSummary(plan.plugins),
    }),
  };
}

function oauth2View(api: Api, tokenUrl: string, authorizationUrl: string): OAuth2View | null {
  const auth = api.auth;
  if (auth.type !== "oauth2") return null;
  return {
    flows: auth.flows,
    scopes: auth.scopes,
    tokenUrl,
    authorizationUrl: auth.flows.includes("authorization_code") ? authorizationUrl : null,
  };
}

function indexApi(api: Api, config: StaticConfig, plansById: ReadonlyMap<string, IndexedPlan>): IndexedApi {
  const endpoints = gatewayEndpoints(config.portal.urls.apiGateway, api);
  const plans = api.plans.flatMap((id) => {
    const plan = plansById.get(id);
    return plan ? [plan] : [];
  });
  const listing: ApiView = deepFreeze({
    id: api.id,
    name: api.name,
    summary: api.summary,
    tags: [...api.tags],
    authMethod: api.auth.type,
    deprecated: api.deprecated,
    partner: api.partner,
    detailsVisible: false,
    subscribable: false,
    descriptionHtml: null,
    plans: [],
    limits: [],
    requestUrl: null,
    apiKeyHeader: null,
    oauth2: null,
    openApiDocument: null,
    openApiUrl: null,
  });
  const openapi = api.openapi;
  const details: ApiView = deepFreeze({
    ...listing,
    detailsVisible: true,
    descriptionHtml: renderMarkdown(api.description),
    plans: plans.map((plan) => plan.view),
    limits: rateLimitSummary(api.plugins),
    requestUrl: endpoints.baseUrl,
    apiKeyHeader: api.auth.type === "key-auth" ? api.auth.headerName : null,
    oauth2: oauth2View(api, endpoints.tokenUrl, endpoints.authorizationUrl),
    openApiDocument:
      openapi?.kind === "document" ? injectPortalSecurity(openapi.document, api, endpoints) : null,
    openApiUrl: openapi?.kind === "url" ? openapi.url : null,
  });
  return {
    api,
    cursor: encodeCursor([api.name, api.id]),
    listingText: [api.name, api.summary, ...api.tags].join("\n").toLowerCase(),
    detailText: api.description.toLowerCase(),
    tagKeys: new Set(api.tags.map((tag) => tag.toLowerCase())),
    plans,
    listing,
    details,
  };
}

function buildCatalogIndex(config: StaticConfig): CatalogIndex {
  const plansById = new Map(config.plans.map((plan) => [plan.id, indexPlan(plan)]));
  const apis = config.apis
    .map((api) => indexApi(api, config, plansById))
    .sort((a, b) => compareCatalogKeys([a.api.name, a.api.id], [b.api.name, b.api.id]));
  const required = [
    ...config.apis.map((api) => api.requiredGroup),
    ...config.plans.map((plan) => plan.requiredGroup),
    ...config.content.map((page) => page.requiredGroup),
  ];
  return {
    apis,
    byId: new Map(apis.map((entry) => [entry.api.id, entry])),
    relevantGroups: new Set(required.filter((group): group is string => group !== undefined)),
  };
}

const indexes = new WeakMap<StaticConfig, CatalogIndex>();

/**
 * The catalog of a configuration, built on first use and kept for as long as the configuration (which is
 * immutable at runtime): markdown is rendered and OpenAPI documents are injected once, not per request.
 */
export function catalogIndexFor(config: StaticConfig): CatalogIndex {
  let index = indexes.get(config);
  if (!index) {
    index = buildCatalogIndex(config);
    indexes.set(config, index);
  }
  return index;
}
