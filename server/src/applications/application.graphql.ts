import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../graphql/connection.js";
import { clientHasSecret } from "./client-type.js";
import type { Application, ApplicationMember } from "./application.types.js";

/** The GraphQL names of the client types; the values are the portal's own. */
export enum ClientTypeValue {
  CONFIDENTIAL = "confidential",
  PUBLIC_SPA = "public_spa",
  PUBLIC_NATIVE = "public_native",
}

registerEnumType(ClientTypeValue, {
  name: "ApplicationClientType",
  description: "How an application authenticates at the OAuth2 token endpoint.",
  valuesConfig: {
    CONFIDENTIAL: {
      description: "A server-side application that can keep a secret; it gets a client secret.",
    },
    PUBLIC_SPA: {
      description: "A single-page application in the browser; no client secret (uses PKCE).",
    },
    PUBLIC_NATIVE: {
      description: "A mobile or desktop application; no client secret (uses PKCE).",
    },
  },
});

/** The GraphQL names of the member roles; the values are the portal's own. */
export enum ApplicationRoleValue {
  OWNER = "owner",
  COLLABORATOR = "collaborator",
  READER = "reader",
}

registerEnumType(ApplicationRoleValue, {
  name: "ApplicationRole",
  description: "What a member may do with an application.",
  valuesConfig: {
    OWNER: { description: "Everything: change, delete, manage members and subscriptions, see credentials." },
    COLLABORATOR: { description: "Read, subscribe and unsubscribe, see credentials." },
    READER: { description: "Read only (no credentials)." },
  },
});

@ObjectType("Application", {
  description:
    "An application (a client of APIs) registered by developers. Visible to its members, administrators, service accounts, and approvers of APIs it subscribes to.",
})
export class ApplicationObject {
  @Field(() => ID, {
    description: "Chosen at registration (4–50 characters: a–z, 0–9, `_`, `-`); never changes.",
  })
  id: string;

  @Field(() => String, { description: "Name shown in the portal." })
  name: string;

  @Field(() => String, { description: "Description as markdown, as written; may be empty." })
  description: string;

  // `descriptionHtml`, `members` and `viewerRole` are field resolvers of `ApplicationResolver`.

  @Field(() => ClientTypeValue, { description: "How the application authenticates at the token endpoint." })
  clientType: ClientTypeValue;

  @Field(() => Boolean, {
    description: "Whether the application gets a client secret: true only for CONFIDENTIAL clients.",
  })
  hasClientSecret: boolean;

  @Field(() => [String], {
    description: "OAuth2 redirect URIs, in the order given (at most 10).",
  })
  redirectUris: string[];

  @Field(() => GraphQLISODateTime, { description: "When the application was registered." })
  createdAt: string;

  @Field(() => GraphQLISODateTime, { description: "When the application was last changed." })
  updatedAt: string;
}

export function toApplicationObject(application: Application): ApplicationObject {
  return {
    id: application.id,
    name: application.name,
    description: application.description,
    clientType: application.clientType as ClientTypeValue,
    hasClientSecret: clientHasSecret(application.clientType),
    redirectUris: [...application.redirectUris],
    createdAt: application.createdAt,
    updatedAt: application.updatedAt,
  };
}

export const ApplicationConnection = connectionType(ApplicationObject, "Application");

@ObjectType("ApplicationMemberUser", {
  description: "What the members of an application see of each other's accounts.",
})
export class ApplicationMemberUserObject {
  @Field(() => ID, { description: "Id of the user." })
  id: string;

  @Field(() => String, { description: "E-mail address (lower-case)." })
  email: string;

  @Field(() => String, { description: "Name shown in the portal." })
  displayName: string;
}

@ObjectType("ApplicationMember", { description: "A member of an application, with their role." })
export class ApplicationMemberObject {
  @Field(() => ApplicationMemberUserObject, { description: "The member's account." })
  user: ApplicationMemberUserObject;

  @Field(() => ApplicationRoleValue, { description: "What the member may do." })
  role: ApplicationRoleValue;

  @Field(() => GraphQLISODateTime, { description: "When the user became a member." })
  addedAt: string;
}

export function toMemberObject(member: ApplicationMember): ApplicationMemberObject {
  return {
    user: { ...member.user },
    role: member.role as ApplicationRoleValue,
    addedAt: member.addedAt,
  };
}
