import { GraphQLJSONObject } from "graphql-scalars";
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../graphql/connection.js";

/** The GraphQL names of the auth methods; the values are the configuration's (`auth.type`). */
export enum ApiAuthMethodValue {
  KEY_AUTH = "key-auth",
  OAUTH2 = "oauth2",
  NONE = "none",
}

registerEnumType(ApiAuthMethodValue, {
  name: "ApiAuthMethod",
  description: "How clients authenticate at the gateway when they call an API.",
  valuesConfig: {
    KEY_AUTH: { description: "An API key of the subscription, sent in the header `apiKeyHeader`." },
    OAUTH2: { description: "OAuth 2.0 access tokens from the gateway's token endpoint (see `oauth2`)." },
    NONE: { description: "No credentials: a public API without subscriptions." },
  },
});

/** The GraphQL names of the OAuth 2.0 flows; the values are the configuration's. */
export enum OAuth2FlowValue {
  CLIENT_CREDENTIALS = "client_credentials",
  AUTHORIZATION_CODE = "authorization_code",
}

registerEnumType(OAuth2FlowValue, {
  name: "OAuth2Flow",
  description: "An OAuth 2.0 grant an API accepts.",
  valuesConfig: {
    CLIENT_CREDENTIALS: { description: "Server-to-server: the application's client id and secret." },
    AUTHORIZATION_CODE: { description: "On behalf of a user who signs in and consents (with PKCE)." },
  },
});

@ObjectType("Plan", {
  simpleResolvers: true,
  description: "A plan of an API: the terms (rate limits, approval) under which an application subscribes.",
})
export class PlanObject {
  @Field(() => ID, { description: "Stable id from `plans.yaml`, e.g. `basic`." })
  id: string;

  @Field(() => String, { description: "Display name." })
  name: string;

  @Field(() => String, { description: "The plan's markdown description as safe HTML; may be empty." })
  descriptionHtml: string;

  @Field(() => Boolean, { description: "Subscriptions to this plan wait for an approver." })
  needsApproval: boolean;

  @Field(() => [String], {
    description:
      'The plan\'s rate limits in words, one per entry, e.g. "60 requests per minute"; empty when unlimited.',
  })
  limits: string[];
}

@ObjectType("ApiScope", { simpleResolvers: true, description: "An OAuth 2.0 scope an API defines." })
export class ApiScopeObject {
  @Field(() => String, { description: "The scope as requested in tokens, e.g. `payments:read`." })
  id: string;

  @Field(() => String, { description: "What the scope allows; may be empty." })
  description: string;
}

@ObjectType("ApiOAuth2", {
  simpleResolvers: true,
  description: "How an application obtains access tokens for an OAuth 2.0 API.",
})
export class ApiOAuth2Object {
  @Field(() => [OAuth2FlowValue], { description: "The grants the API accepts." })
  flows: OAuth2FlowValue[];

  @Field(() => [ApiScopeObject], { description: "The scopes the API defines." })
  scopes: ApiScopeObject[];

  @Field(() => String, { description: "The token endpoint at the gateway (`<requestUrl>/oauth2/token`)." })
  tokenUrl: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The authorization endpoint at the gateway (`<requestUrl>/oauth2/authorize`); null without the authorization code flow.",
  })
  authorizationUrl: string | null;
}

@ObjectType("Api", {
  simpleResolvers: true,
  description:
    "An API of the catalog, as the caller may see it. A partner API is listed to everyone, but its details (the fields documented as such) are null or empty for non-members.",
})
export class ApiObject {
  @Field(() => ID, { description: "Stable id, e.g. `orders`; part of the portal path `/apis/<id>`." })
  id: string;

  @Field(() => String, { description: "Display name." })
  name: string;

  @Field(() => String, { description: "One line for the catalog; may be empty." })
  summary: string;

  @Field(() => [String], { description: "Tags for filtering the catalog." })
  tags: string[];

  @Field(() => ApiAuthMethodValue, { description: "How clients authenticate when they call the API." })
  authMethod: ApiAuthMethodValue;

  @Field(() => Boolean, {
    description: "Still served, but takes no new subscriptions (its description says until when).",
  })
  deprecated: boolean;

  @Field(() => Boolean, { description: "Listed for everyone; details and subscriptions only for its group." })
  partner: boolean;

  @Field(() => Boolean, {
    description:
      "Whether the caller sees the details; false for a partner API the caller is not a member of.",
  })
  detailsVisible: boolean;

  @Field(() => Boolean, {
    description:
      "Whether the caller could subscribe an application now: a signed-in user with a verified e-mail address, an API that is not deprecated, at least one plan the caller may choose.",
  })
  subscribable: boolean;

  @Field(() => String, {
    nullable: true,
    description: "The long description as safe HTML (empty without one). A detail: null when hidden.",
  })
  descriptionHtml: string | null;

  @Field(() => [PlanObject], {
    description: "The plans the caller may choose, in the API's order. A detail: empty when hidden.",
  })
  plans: PlanObject[];

  @Field(() => [String], {
    description:
      "Rate limits of the API itself for every consumer, in words (plans may add their own). A detail: empty when hidden.",
  })
  limits: string[];

  @Field(() => String, {
    nullable: true,
    description: "Where clients call the API: the gateway's public URL and the API's route. A detail.",
  })
  requestUrl: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The header that carries the API key (key-auth APIs only). A detail.",
  })
  apiKeyHeader: string | null;

  @Field(() => ApiOAuth2Object, {
    nullable: true,
    description: "Token endpoints, flows and scopes (OAuth 2.0 APIs only). A detail.",
  })
  oauth2: ApiOAuth2Object | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      "The OpenAPI 3 or Swagger 2 document with the gateway as server and the portal's security (API key header or OAuth 2.0 endpoints) injected. Null when the API has none, when it is published by URL (`openApiUrl`), or when details are hidden.",
  })
  openApiDocument: Record<string, unknown> | null;

  @Field(() => String, {
    nullable: true,
    description:
      "URL of an OpenAPI document the configuration only links to; the browser fetches it as is (nothing injected). A detail.",
  })
  openApiUrl: string | null;
}

export const ApiConnection = connectionType(ApiObject, "Api");

@InputType({ description: "Narrows the catalog; all optional, combined with AND." })
export class ApiFilterInput {
  @Field(() => String, {
    nullable: true,
    description:
      "Words that must all occur (case-insensitive) in the name, summary, description or tags; at most 200 characters.",
  })
  search?: string | null;

  @Field(() => String, { nullable: true, description: "Only APIs with this tag (case-insensitive)." })
  tag?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Include deprecated APIs (flagged `deprecated`); default true.",
  })
  includeDeprecated?: boolean | null;
}

@ObjectType("ApiTag", { simpleResolvers: true, description: "A tag of the APIs the caller sees." })
export class ApiTagObject {
  @Field(() => String, { description: "The tag as configured." })
  tag: string;

  @Field(() => Int, { description: "How many of the caller's visible APIs (deprecated included) carry it." })
  count: number;
}
