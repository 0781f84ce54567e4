import { client } from "../client";
import { graphql } from "../gql";
import type { ProfileQuery } from "../gql/graphql";
import { loaded, type Loaded } from "./result";

export type Profile = NonNullable<ProfileQuery["viewer"]>;
export type ProfileField = Profile["profile"][number];

const ProfileDocument = graphql(`
  query Profile {
    viewer {
      id
      displayName
      email
      profile {
        field
        label
        maxLength
        required
        value
      }
    }
  }
`);

const UpdateProfileDocument = graphql(`
  mutation UpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      viewer {
        id
        displayName
      }
    }
  }
`);

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      endedSessions
    }
  }
`);

const RequestPasswordResetDocument = graphql(`
  mutation RequestPasswordReset($input: EmailAddressInput!) {
    requestPasswordReset(input: $input) {
      accepted
    }
  }
`);

const ResetPasswordDocument = graphql(`
  mutation ResetPassword($input: ResetPasswordInput!) {
    resetPassword(input: $input) {
      endedSessions
    }
  }
`);

const RequestEmailChangeDocument = graphql(`
  mutation RequestEmailChange($input: RequestEmailChangeInput!) {
    requestEmailChange(input: $input) {
      newEmail
    }
  }
`);

const ConfirmEmailChangeDocument = graphql(`
  mutation ConfirmEmailChange($input: EmailLinkInput!) {
    confirmEmailChange(input: $input) {
      email
    }
  }
`);

const DeleteAccountDocument = graphql(`
  mutation DeleteAccount($input: DeleteAccountInput!) {
    deleteAccount(input: $input) {
      deletedUserId
    }
  }
`);

/** The signed-in user's profile; null when nobody is signed in. */
export async function loadProfile(): Promise<Loaded<Profile | null>> {
  const result = await client.query(ProfileDocument, {}, { requestPolicy: "network-only" }).toPromise();
  return loaded(result, (data) => data.viewer ?? null);
}

export async function updateProfile(input: {
  displayName: string;
  profile: { field: string; value: string }[];
}): Promise<Loaded<true>> {
  const result = await client.mutation(UpdateProfileDocument, { input }).toPromise();
  return loaded(result, () => true as const);
}

/** Changes the password; answers how many other sessions ended. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<Loaded<number>> {
  const result = await client
    .mutation(ChangePasswordDocument, { input: { currentPassword, newPassword } })
    .toPromise();
  return loaded(result, (data) => data.changePassword.endedSessions);
}

/** Asks for a reset link; the server answers the same whether or not the address has an account. */
export async function requestPasswordReset(email: string): Promise<Loaded<true>> {
  const result = await client.mutation(RequestPasswordResetDocument, { input: { email } }).toPromise();
  return loaded(result, () => true as const);
}

export async function resetPassword(token: string, newPassword: string): Promise<Loaded<true>> {
  const result = await client.mutation(ResetPasswordDocument, { input: { token, newPassword } }).toPromise();
  return loaded(result, () => true as const);
}

/** Sends a confirmation link to the new address; answers the address it went to. */
export async function requestEmailChange(newEmail: string, currentPassword: string): Promise<Loaded<string>> {
  const result = await client
    .mutation(RequestEmailChangeDocument, { input: { newEmail, currentPassword } })
    .toPromise();
  return loaded(result, (data) => data.requestEmailChange.newEmail);
}

/** Switches to the new address with the link's secret; answers the address from now on. */
export async function confirmEmailChange(token: string): Promise<Loaded<string>> {
  const result = await client.mutation(ConfirmEmailChangeDocument, { input: { token } }).toPromise();
  return loaded(result, (data) => data.confirmEmailChange.email);
}

/** Deletes the signed-in user's account (LAST_OWNER while they are an application's last owner) and signs out. */
export async function deleteAccount(password: string): Promise<Loaded<true>> {
  const result = await client.mutation(DeleteAccountDocument, { input: { password } }).toPromise();
  return loaded(result, () => true as const);
}
