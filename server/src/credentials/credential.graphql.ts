import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { ApiSubscriptionObject } from "../subscriptions/subscription.graphql.js";
import { DEFAULT_OVERLAP_SECONDS, MAX_OVERLAP_SECONDS } from "./credential.service.js";

export enum CredentialKindValue {
  API_KEY = "api_key",
  OAUTH2 = "oauth2",
}

registerEnumType(CredentialKindValue, {
  name: "CredentialKind",
  description: "What kind of credential an API issues.",
  valuesConfig: {
    API_KEY: { description: "An API key, sent in the API's key header." },
    OAUTH2: { description: "An OAuth2 client id (and a client secret for confidential clients)." },
  },
});

@ObjectType("Credential", {
  description:
    "A credential of an approved subscription. Shown only to the application's owners and collaborators (and the gateway adapter); during a rotation the old and the new one are both listed until the old one expires.",
})
export class CredentialObject {
  @Field(() => ID, { description: "Stable id (events name credentials by it)." })
  id: string;

  @Field(() => CredentialKindValue, { description: "API key or OAuth2 client." })
  kind: CredentialKindValue;

  @Field(() => String, { nullable: true, description: "The API key (API_KEY credentials)." })
  apiKey: string | null;

  @Field(() => String, { nullable: true, description: "The OAuth2 client id (OAUTH2 credentials)." })
  clientId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The OAuth2 client secret; null for public clients (single-page and native applications).",
  })
  clientSecret: string | null;

  @Field(() => GraphQLISODateTime, { description: "When it was issued." })
  createdAt: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "When it stops working (set by a rotation); null for the current credential.",
  })
  expiresAt: string | null;
}

@InputType({
  description: "Which subscription gets new credentials, and how long the old ones keep working.",
})
export class RotateSubscriptionCredentialsInput {
  @Field(() => ID, { description: "Id of the subscription." })
  subscriptionId: string;

  @Field(() => Int, {
    nullable: true,
    description: `Seconds the previous credentials stay valid (0 revokes them at once; at most ${MAX_OVERLAP_SECONDS}); default ${DEFAULT_OVERLAP_SECONDS} (24 hours).`,
  })
  overlapSeconds?: number | null;
}

@ObjectType({
  description: "The subscription with its new credentials (and the previous ones until they expire).",
})
export class RotateSubscriptionCredentialsPayload {
  @Field(() => ApiSubscriptionObject, {
    description: "The subscription; read `credentials` for the new ones.",
  })
  subscription: ApiSubscriptionObject;
}
