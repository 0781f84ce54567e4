import { GraphQLJSONObject } from "graphql-scalars";
import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ClientTypeValue } from "../applications/application.graphql.js";
import { CredentialKindValue } from "../credentials/credential.graphql.js";
import { connectionType } from "../graphql/connection.js";
import { SubscriptionStatusValue } from "../subscriptions/subscription.graphql.js";

export enum GatewayAuthTypeValue {
  KEY_AUTH = "key-auth",
  OAUTH2 = "oauth2",
  NONE = "none",
}

registerEnumType(GatewayAuthTypeValue, {
  name: "GatewayAuthType",
  description: "How the gateway authenticates callers of an API.",
  valuesConfig: {
    KEY_AUTH: { description: "An API key in a header (Kong key-auth)." },
    OAUTH2: { description: "OAuth 2.0 access tokens (Kong oauth2)." },
    NONE: { description: "No authentication; the API has no consumers." },
  },
});

@ObjectType("GatewayUpstream", { description: "Where the gateway forwards an API's requests." })
export class GatewayUpstreamObject {
  @Field(() => String, { description: "The upstream base URL (http or https)." })
  url: string;

  @Field(() => Int, { description: "Connect timeout in milliseconds." })
  connectTimeoutMs: number;

  @Field(() => Int, { description: "Read timeout in milliseconds." })
  readTimeoutMs: number;

  @Field(() => Int, { description: "Write timeout in milliseconds." })
  writeTimeoutMs: number;

  @Field(() => Int, { description: "How often the gateway retries a failed upstream connection." })
  retries: number;
}

@ObjectType("GatewayRoute", { description: "One route of an API at the gateway." })
export class GatewayRouteObject {
  @Field(() => [String], { description: "Path prefixes, each starting with /." })
  paths: string[];

  @Field(() => [String], { description: "Host names; empty means any host." })
  hosts: string[];

  @Field(() => [String], { description: "HTTP methods; empty means every method." })
  methods: string[];

  @Field(() => [String], { description: "`http` and/or `https`." })
  protocols: string[];

  @Field(() => Boolean, { description: "Whether the matched path prefix is removed before forwarding." })
  stripPath: boolean;

  @Field(() => Boolean, { description: "Whether the client's Host header is forwarded as is." })
  preserveHost: boolean;
}

@ObjectType("GatewayAuth", { description: "An API's authentication at the gateway; fields per type." })
export class GatewayAuthObject {
  @Field(() => GatewayAuthTypeValue, { description: "The kind of authentication." })
  type: GatewayAuthTypeValue;

  @Field(() => String, { nullable: true, description: "KEY_AUTH: the header that carries the key." })
  keyHeaderName: string | null;

  @Field(() => Boolean, { description: "Remove the credential before the request reaches the upstream." })
  hideCredentials: boolean;

  @Field(() => [String], {
    description: "OAUTH2: the allowed flows (`client_credentials`, `authorization_code`); empty otherwise.",
  })
  oauth2Flows: string[];

  @Field(() => [String], { description: "OAUTH2: the scope names; empty otherwise." })
  scopes: string[];

  @Field(() => Int, { nullable: true, description: "OAUTH2: access token lifetime in seconds." })
  tokenTtlSeconds: number | null;

  @Field(() => Int, {
    nullable: true,
    description: "OAUTH2: refresh token lifetime in seconds (0: no refresh tokens).",
  })
  refreshTokenTtlSeconds: number | null;
}

@ObjectType("GatewayPlugin", { description: "A gateway (Kong) plugin with its configuration." })
export class GatewayPluginObject {
  @Field(() => String, { description: "The plugin's name, e.g. `rate-limiting`." })
  name: string;

  @Field(() => GraphQLJSONObject, { description: "The plugin's `config` object as configured." })
  config: Record<string, unknown>;
}

@ObjectType("GatewayApi", { description: "An API of the static configuration as the gateway serves it." })
export class GatewayApiObject {
  @Field(() => ID, { description: "The API's id (the gateway service's name)." })
  id: string;

  @Field(() => String, { description: "Display name." })
  name: string;

  @Field(() => Boolean, { description: "Still served, but closed to new subscriptions." })
  deprecated: boolean;

  @Field(() => GatewayUpstreamObject, { description: "Where requests go." })
  upstream: GatewayUpstreamObject;

  @Field(() => [GatewayRouteObject], { description: "The routes, in configuration order." })
  routes: GatewayRouteObject[];

  @Field(() => GatewayAuthObject, { description: "How callers authenticate." })
  auth: GatewayAuthObject;

  @Field(() => [GatewayPluginObject], {
    description: "The API's own plugins (not the managed auth/ACL ones).",
  })
  plugins: GatewayPluginObject[];

  @Field(() => [ID], { description: "Ids of the plans offered for this API." })
  planIds: string[];
}

@ObjectType("GatewayPlan", { description: "A plan with the plugins each of its subscriptions gets." })
export class GatewayPlanObject {
  @Field(() => ID, { description: "The plan's id." })
  id: string;

  @Field(() => String, { description: "Display name." })
  name: string;

  @Field(() => [GatewayPluginObject], { description: "Plugins scoped to each consumer of the plan." })
  plugins: GatewayPluginObject[];
}

@ObjectType("GatewayConfiguration", {
  description: "The part of the gateway's desired state that comes from the static configuration.",
})
export class GatewayConfigurationObject {
  @Field(() => String, { description: "Hash of the static configuration; changes whenever it does." })
  configHash: string;

  @Field(() => [GatewayApiObject], { description: "The APIs, sorted by id." })
  apis: GatewayApiObject[];

  @Field(() => [GatewayPlanObject], { description: "Every plan, in configuration order." })
  plans: GatewayPlanObject[];
}

@ObjectType("GatewayCredential", {
  description:
    "A valid credential of a consumer. Secrets (`apiKey`, `clientSecret`) are given to read-write service accounts only.",
})
export class GatewayCredentialObject {
  @Field(() => ID, { description: "Stable id of the credential." })
  id: string;

  @Field(() => CredentialKindValue, { description: "API key or OAuth2 client." })
  kind: CredentialKindValue;

  @Field(() => String, { nullable: true, description: "The API key (API_KEY; read-write service accounts)." })
  apiKey: string | null;

  @Field(() => String, { nullable: true, description: "The OAuth2 client id (OAUTH2)." })
  clientId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The OAuth2 client secret (confidential clients; read-write service accounts).",
  })
  clientSecret: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "When a rotated credential stops working; null for the current one.",
  })
  expiresAt: string | null;
}

@ObjectType("GatewayConsumer", {
  description: "A subscription with credentials (approved, provisioned or failed), as a gateway consumer.",
})
export class GatewayConsumerObject {
  @Field(() => ID, { description: "The subscription's id (the consumer's custom_id)." })
  subscriptionId: string;

  @Field(() => ID, { description: "The subscribed application." })
  applicationId: string;

  @Field(() => ID, { description: "The API." })
  apiId: string;

  @Field(() => ID, { description: "The plan, whose plugins apply to this consumer." })
  planId: string;

  @Field(() => SubscriptionStatusValue, { description: "APPROVED, PROVISIONED or PROVISIONING_FAILED." })
  status: SubscriptionStatusValue;

  @Field(() => ClientTypeValue, { description: "The application's client type (OAuth2 client type)." })
  clientType: ClientTypeValue;

  @Field(() => [String], { description: "The application's OAuth2 redirect URIs." })
  redirectUris: string[];

  @Field(() => [GatewayCredentialObject], {
    description: "Valid credentials, ending soonest first: during a rotation the old one, then the new one.",
  })
  credentials: GatewayCredentialObject[];
}

export const GatewayConsumerConnection = connectionType(GatewayConsumerObject, "GatewayConsumer");

@InputType({ description: "Narrows the consumers (for incremental reconciles); lists combine with AND." })
export class GatewayConsumerFilterInput {
  @Field(() => [ID], { nullable: true, description: "Only these subscriptions (at most 1000 ids)." })
  subscriptionIds?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Only subscriptions to these APIs (at most 1000 ids)." })
  apiIds?: string[] | null;

  @Field(() => [ID], {
    nullable: true,
    description: "Only subscriptions of these applications (at most 1000 ids).",
  })
  applicationIds?: string[] | null;
}
