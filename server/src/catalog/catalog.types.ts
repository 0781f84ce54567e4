import type { ApiAuth } from "../static-config/static-config.js";

/** A plan as the catalog shows it; built once per configuration. */
export interface PlanView {
  readonly id: string;
  readonly name: string;
  /** The plan's markdown description as safe HTML ("" without one). */
  readonly descriptionHtml: string;
  readonly needsApproval: boolean;
  /** Human summary of the plan's rate-limit plugins, one line per limit ("60 requests per minute"). */
  readonly limits: readonly string[];
}

export type OAuth2FlowName = Extract<ApiAuth, { type: "oauth2" }>["flows"][number];

/** How clients of an oauth2 API obtain tokens at the gateway. */
export interface OAuth2View {
  readonly flows: readonly OAuth2FlowName[];
  readonly scopes: readonly { readonly id: string; readonly description: string }[];
  /** Kong's oauth2 token endpoint on the API's route: `<gateway>/<route>/oauth2/token`. */
  readonly tokenUrl: string;
  /** `<gateway>/<route>/oauth2/authorize`; null unless the authorization code flow is enabled. */
  readonly authorizationUrl: string | null;
}

/**
 * An API as one viewer sees it. The fields that are details are null (or empty) when the viewer only sees the
 * listing (`detailsVisible: false`, a partner API for non-members). Immutable and shared between requests.
 */
export interface ApiView {
  readonly id: string;
  readonly name: string;
  readonly summary: string;
  readonly tags: readonly string[];
  readonly authMethod: ApiAuth["type"];
  readonly deprecated: boolean;
  readonly partner: boolean;
  readonly detailsVisible: boolean;
  readonly subscribable: boolean;
  readonly descriptionHtml: string | null;
  /** The plans the viewer may choose, in the API's order; empty without details. */
  readonly plans: readonly PlanView[];
  /** Human summary of the API-level rate limits (for every consumer); empty without details. */
  readonly limits: readonly string[];
  /** Where clients call the API: the gateway's public URL and the API's first route path. */
  readonly requestUrl: string | null;
  /** The header that carries the key of a key-auth API. */
  readonly apiKeyHeader: string | null;
  readonly oauth2: OAuth2View | null;
  /** The OpenAPI document with the portal's security and server injected (only for documents in the config). */
  readonly openApiDocument: Readonly<Record<string, unknown>> | null;
  /** The OpenAPI document's URL, for `openapi: {url}` APIs; the browser fetches it as is. */
  readonly openApiUrl: string | null;
}

export interface ApiTagCount {
  readonly tag: string;
  /** Visible APIs (deprecated ones included) with this tag. */
  readonly count: number;
}

/** Narrows `apis`; all optional, combined with AND. */
export interface ApiFilter {
  /** Words that must all occur (case-insensitive) in the name, summary, description or tags. */
  readonly search?: string | null;
  /** Only APIs with this tag (case-insensitive). */
  readonly tag?: string | null;
  /** Default true: deprecated APIs are part of the catalog, flagged. */
  readonly includeDeprecated?: boolean | null;
}
