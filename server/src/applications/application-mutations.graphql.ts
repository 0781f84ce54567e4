import { Field, ID, InputType, ObjectType } from "type-graphql";
import { SubscriptionStatusValue } from "../subscriptions/subscription.graphql.js";
import {
  ApplicationMemberObject,
  ApplicationObject,
  ApplicationRoleValue,
  ClientTypeValue,
} from "./application.graphql.js";

@InputType("ApplicationFilter", { description: "Narrows the application list." })
export class ApplicationFilterInput {
  @Field(() => String, {
    nullable: true,
    description: "Case-insensitive part of the application's id or name.",
  })
  search?: string | null;

  @Field(() => SubscriptionStatusValue, {
    nullable: true,
    description: "Only applications with at least one subscription in this status, e.g. PENDING_APPROVAL.",
  })
  subscriptionStatus?: SubscriptionStatusValue | null;
}

@InputType({ description: "A new application; the caller becomes its owner." })
export class CreateApplicationInput {
  @Field(() => ID, {
    description:
      "The id, chosen now and never changed: 4 to 50 characters, lower-case letters, digits, `_` and `-`, starting with a letter or digit.",
  })
  id: string;

  @Field(() => String, { description: "Name shown in the portal (1 to 128 characters)." })
  name: string;

  @Field(() => String, {
    nullable: true,
    description: "Description in markdown (at most 1,024 characters); omit for none.",
  })
  description?: string | null;

  @Field(() => ClientTypeValue, { description: "How the application authenticates at the token endpoint." })
  clientType: ClientTypeValue;

  @Field(() => [String], {
    nullable: true,
    description:
      "OAuth2 redirect URIs (at most 10, each at most 2,000 characters, no duplicates): https to any host; http only to localhost, 127.0.0.1 or [::1]; a custom scheme only with a host (`com.acme.app://callback`); never a fragment or user information.",
  })
  redirectUris?: string[] | null;
}

@ObjectType({ description: "The registered application." })
export class CreateApplicationPayload {
  @Field(() => ApplicationObject, { description: "The new application, with the caller as its owner." })
  application: ApplicationObject;
}

@InputType({ description: "Changes to an application; omitted fields stay as they are." })
export class UpdateApplicationInput {
  @Field(() => ID, { description: "Id of the application (the id itself cannot change)." })
  id: string;

  @Field(() => String, { nullable: true, description: "New name (1 to 128 characters)." })
  name?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "New markdown description (at most 1,024 characters); an empty string removes it.",
  })
  description?: string | null;

  @Field(() => ClientTypeValue, { nullable: true, description: "New client type." })
  clientType?: ClientTypeValue | null;

  @Field(() => [String], {
    nullable: true,
    description: "The new complete list of redirect URIs (same rules as at creation); [] removes all.",
  })
  redirectUris?: string[] | null;
}

@ObjectType({ description: "The changed application." })
export class UpdateApplicationPayload {
  @Field(() => ApplicationObject, { description: "The application as it is now." })
  application: ApplicationObject;
}

@InputType({ description: "Which application to delete." })
export class DeleteApplicationInput {
  @Field(() => ID, { description: "Id of the application." })
  id: string;
}

@ObjectType({ description: "The deleted application's id." })
export class DeleteApplicationPayload {
  @Field(() => ID, { description: "Id of the deleted application." })
  deletedApplicationId: string;
}

@InputType({ description: "A user to add to an application." })
export class AddApplicationMemberInput {
  @Field(() => ID, { description: "Id of the application." })
  applicationId: string;

  @Field(() => String, {
    description: "E-mail address of an existing account with a verified address.",
  })
  email: string;

  @Field(() => ApplicationRoleValue, { description: "The role the user gets." })
  role: ApplicationRoleValue;
}

@InputType({ description: "A member whose role changes." })
export class ChangeApplicationMemberRoleInput {
  @Field(() => ID, { description: "Id of the application." })
  applicationId: string;

  @Field(() => ID, { description: "Id of the member's user account." })
  userId: string;

  @Field(() => ApplicationRoleValue, { description: "The new role." })
  role: ApplicationRoleValue;
}

@ObjectType({ description: "The member as they are now, and their application." })
export class ApplicationMemberPayload {
  @Field(() => ApplicationMemberObject, { description: "The member." })
  member: ApplicationMemberObject;

  @Field(() => ApplicationObject, { description: "The application, for refreshing its member list." })
  application: ApplicationObject;
}

@InputType({ description: "A member to remove (or yourself, to leave)." })
export class RemoveApplicationMemberInput {
  @Field(() => ID, { description: "Id of the application." })
  applicationId: string;

  @Field(() => ID, { description: "Id of the member's user account; your own id to leave." })
  userId: string;
}

@ObjectType({ description: "Who was removed from which application." })
export class RemoveApplicationMemberPayload {
  @Field(() => ID, { description: "Id of the application." })
  applicationId: string;

  @Field(() => ID, { description: "Id of the removed user." })
  removedUserId: string;

  @Field(() => ApplicationObject, {
    nullable: true,
    description: "The application as it is now; null when you left it and can no longer see it.",
  })
  application: ApplicationObject | null;
}
