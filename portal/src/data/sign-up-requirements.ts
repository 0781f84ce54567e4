import { client } from "../client";
import { graphql } from "../gql";
import type { SignUpRequirementsQuery } from "../gql/graphql";
import { loaded, type Loaded } from "./result";

export type SignUpRequirements = SignUpRequirementsQuery["signUpRequirements"];

const SignUpRequirementsDocument = graphql(`
  query SignUpRequirements {
    signUpRequirements {
      passwordPolicy {
        minLength
        maxLength
        requireUpper
        requireLower
        requireDigit
        requireSpecial
      }
      profileFields {
        id
        label
        required
        maxLength
      }
    }
  }
`);

/** The password policy and profile fields of this portal, for the sign-up form. */
export async function loadSignUpRequirements(): Promise<Loaded<SignUpRequirements>> {
  const result = await client.query(SignUpRequirementsDocument, {}).toPromise();
  return loaded(result, (data) => data.signUpRequirements);
}
