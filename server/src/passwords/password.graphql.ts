import { Field, InputType, Int, ObjectType } from "type-graphql";

@InputType({ description: "A new password, authorized by the secret of a reset link." })
export class ResetPasswordInput {
  @Field(() => String, { description: "The `token` parameter of the reset link." })
  token: string;

  @Field(() => String, { description: "The new password; must satisfy the password policy." })
  newPassword: string;
}

@ObjectType({ description: "The password is changed." })
export class PasswordChangedPayload {
  @Field(() => Int, { description: "How many of the user's sessions ended because of the change." })
  endedSessions: number;
}

@InputType({ description: "The current and the new password of the signed-in user." })
export class ChangePasswordInput {
  @Field(() => String, { description: "The current password." })
  currentPassword: string;

  @Field(() => String, { description: "The new password; must satisfy the password policy." })
  newPassword: string;
}
