import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from "type-graphql";
import { connectionType } from "../graphql/connection.js";
import type { User } from "./user.types.js";

@ObjectType("ProfileFieldValue", {
  description: "A profile field defined in the static configuration, with the user's value.",
})
export class ProfileFieldValueObject {
  @Field(() => ID, { description: "Id of the field in the static configuration, e.g. `company`." })
  field: string;

  @Field(() => String, { description: "Label to show." })
  label: string;

  @Field(() => Boolean, { description: "Whether a value is required." })
  required: boolean;

  @Field(() => Int, { description: "Longest allowed value, in characters." })
  maxLength: number;

  @Field(() => String, { nullable: true, description: "The user's value; null when not set." })
  value: string | null;
}

@ObjectType("User", { description: "A portal account." })
export class UserObject {
  @Field(() => ID, { description: "Stable id." })
  id: string;

  @Field(() => String, { description: "E-mail address (lower-case); also the sign-in name." })
  email: string;

  @Field(() => String, { description: "Name shown in the portal." })
  displayName: string;

  @Field(() => Boolean, { description: "Whether the e-mail address is verified." })
  emailVerified: boolean;

  @Field(() => GraphQLISODateTime, { description: "When the account was created." })
  createdAt: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "When an administrator disabled the account; null while it is enabled.",
  })
  disabledAt: string | null;

  // `groups`, `isAdmin`, `isApprover` and `profile` are field resolvers of `UserResolver` (batched loading).

  /** Profile values by field id (not a GraphQL field; `profile` resolves from it). */
  profileValues: Readonly<Record<string, string>>;

  /** Group ids when the service already loaded them (not a GraphQL field); otherwise they are batch-loaded. */
  groupIds?: readonly string[];
}

export function toUserObject(user: User, groupIds?: readonly string[]): UserObject {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt,
    disabledAt: user.disabledAt,
    profileValues: user.profile,
    ...(groupIds ? { groupIds } : {}),
  };
}

export const UserConnection = connectionType(UserObject, "User");

@InputType("UserFilter", { description: "Narrows the user list; all given conditions must hold." })
export class UserFilterInput {
  @Field(() => String, {
    nullable: true,
    description: "Case-insensitive part of the e-mail address or the display name.",
  })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: "Only members of this group." })
  group?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "true: only disabled accounts; false: only enabled ones.",
  })
  disabled?: boolean | null;
}

@InputType("ProfileFieldInput", { description: "A value for one profile field; an empty value removes it." })
export class ProfileFieldInput {
  @Field(() => ID, { description: "Id of the field in the static configuration." })
  field: string;

  @Field(() => String, { description: "The value (trimmed; at most the field's `maxLength` characters)." })
  value: string;
}

@InputType({ description: "A new account." })
export class SignUpInput {
  @Field(() => String, { description: "E-mail address; it must be verified through the link sent to it." })
  email: string;

  @Field(() => String, { description: "Password; must satisfy the portal's password policy." })
  password: string;

  @Field(() => String, { description: "Name shown in the portal (1 to 100 characters)." })
  displayName: string;

  @Field(() => [ProfileFieldInput], {
    nullable: true,
    description: "Profile field values; every required field needs one.",
  })
  profile?: ProfileFieldInput[] | null;
}

@ObjectType({ description: "The created, not yet verified account. It is not signed in." })
export class SignUpPayload {
  @Field(() => ID, { description: "Id of the new account." })
  userId: string;

  @Field(() => String, { description: "The address the verification link was sent to." })
  email: string;
}

@InputType({ description: "The secret of an e-mail link." })
export class EmailLinkInput {
  @Field(() => String, { description: "The `token` parameter of the link." })
  token: string;
}

@ObjectType({ description: "The verified address." })
export class VerifyEmailPayload {
  @Field(() => String, { description: "The address that is now verified." })
  email: string;
}

@InputType({ description: "Whose account an e-mail is for." })
export class EmailAddressInput {
  @Field(() => String, { description: "E-mail address of the account." })
  email: string;
}

@ObjectType({
  description:
    "The request was accepted. The answer is the same whether or not the address has an account, so it reveals nothing.",
})
export class EmailRequestPayload {
  @Field(() => Boolean, { description: "Always true." })
  accepted: boolean;
}

@InputType({ description: "Profile changes; omitted fields stay as they are." })
export class UpdateProfileInput {
  @Field(() => String, { nullable: true, description: "New display name (1 to 100 characters)." })
  displayName?: string | null;

  @Field(() => [ProfileFieldInput], {
    nullable: true,
    description: "Profile fields to change; fields not listed keep their values.",
  })
  profile?: ProfileFieldInput[] | null;
}

@ObjectType({ description: "The account after the change." })
export class UpdateProfilePayload {
  @Field(() => UserObject, { description: "The signed-in user." })
  viewer: UserObject;
}

@InputType({ description: "A new e-mail address for the signed-in user." })
export class RequestEmailChangeInput {
  @Field(() => String, { description: "The new address; a confirmation link is sent to it." })
  newEmail: string;

  @Field(() => String, { description: "The current password, to prove it is really the user." })
  currentPassword: string;
}

@ObjectType({ description: "A confirmation link was sent; the address changes when it is followed." })
export class RequestEmailChangePayload {
  @Field(() => String, { description: "The address the link was sent to." })
  newEmail: string;
}

@ObjectType({ description: "The changed address." })
export class ConfirmEmailChangePayload {
  @Field(() => String, { description: "The account's address from now on (verified)." })
  email: string;
}

@InputType({ description: "Confirms deleting the signed-in user's account." })
export class DeleteAccountInput {
  @Field(() => String, { description: "The current password." })
  password: string;
}

@ObjectType({ description: "The account is gone and the session has ended." })
export class DeleteAccountPayload {
  @Field(() => ID, { description: "Id of the deleted account." })
  deletedUserId: string;
}

@InputType({ description: "The user an administrative change is for." })
export class UserRefInput {
  @Field(() => ID, { description: "Id of the user." })
  userId: string;
}

@InputType({ description: "The complete new group list of a user." })
export class SetUserGroupsInput {
  @Field(() => ID, { description: "Id of the user." })
  userId: string;

  @Field(() => [ID], {
    description: "Ids of groups of the static configuration; replaces all current groups.",
  })
  groupIds: string[];
}

@ObjectType({ description: "The user after an administrative change." })
export class UserPayload {
  @Field(() => UserObject, { description: "The user." })
  user: UserObject;
}

@ObjectType({ description: "The user was deleted with everything that belonged to the account." })
export class DeleteUserPayload {
  @Field(() => ID, { description: "Id of the deleted user." })
  deletedUserId: string;
}
