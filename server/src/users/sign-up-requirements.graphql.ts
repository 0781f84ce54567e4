import { Field, ID, Int, ObjectType } from "type-graphql";

@ObjectType("PasswordPolicy", {
  description: "The rules a new password must satisfy (lengths count characters).",
})
export class PasswordPolicyObject {
  @Field(() => Int, { description: "Fewest characters." })
  minLength: number;

  @Field(() => Int, { description: "Most characters." })
  maxLength: number;

  @Field(() => Boolean, { description: "Whether an upper-case letter is required." })
  requireUpper: boolean;

  @Field(() => Boolean, { description: "Whether a lower-case letter is required." })
  requireLower: boolean;

  @Field(() => Boolean, { description: "Whether a digit is required." })
  requireDigit: boolean;

  @Field(() => Boolean, {
    description: "Whether a character that is neither a letter nor a digit is required.",
  })
  requireSpecial: boolean;
}

@ObjectType("ProfileFieldDefinition", { description: "A profile field the static configuration defines." })
export class ProfileFieldDefinitionObject {
  @Field(() => ID, { description: "Id of the field, e.g. `company`; the `field` of a ProfileFieldInput." })
  id: string;

  @Field(() => String, { description: "Label to show." })
  label: string;

  @Field(() => Boolean, { description: "Whether sign-up requires a value." })
  required: boolean;

  @Field(() => Int, { description: "Longest allowed value, in characters." })
  maxLength: number;
}

@ObjectType("SignUpRequirements", {
  description: "What signing up asks for, so forms can check it before sending (the server checks it again).",
})
export class SignUpRequirementsObject {
  @Field(() => PasswordPolicyObject, { description: "The password policy." })
  passwordPolicy: PasswordPolicyObject;

  @Field(() => [ProfileFieldDefinitionObject], {
    description: "The profile fields, in the configured order.",
  })
  profileFields: ProfileFieldDefinitionObject[];
}
