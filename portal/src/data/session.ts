import { client } from "../client";
import { graphql } from "../gql";
import type { ViewerQuery } from "../gql/graphql";
import { loaded, type Loaded } from "./result";

export type Viewer = NonNullable<ViewerQuery["viewer"]>;

const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      id
      displayName
      email
      emailVerified
      isAdmin
      isApprover
    }
  }
`);

const SignInDocument = graphql(`
  mutation SignIn($input: SignInInput!) {
    signIn(input: $input) {
      viewer {
        id
      }
    }
  }
`);

const SignOutDocument = graphql(`
  mutation SignOut {
    signOut {
      signedOut
    }
  }
`);

const SignUpDocument = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      email
    }
  }
`);

const VerifyEmailDocument = graphql(`
  mutation VerifyEmail($input: EmailLinkInput!) {
    verifyEmail(input: $input) {
      email
    }
  }
`);

export async function loadViewer(): Promise<Loaded<Viewer | null>> {
  const result = await client.query(ViewerDocument, {}, { requestPolicy: "network-only" }).toPromise();
  return loaded(result, (data) => data.viewer ?? null);
}

export async function signIn(email: string, password: string): Promise<Loaded<true>> {
  const result = await client.mutation(SignInDocument, { input: { email, password } }).toPromise();
  return loaded(result, () => true as const);
}

export async function signOut(): Promise<Loaded<true>> {
  return loaded(await client.mutation(SignOutDocument, {}).toPromise(), () => true as const);
}

export async function signUp(input: {
  email: string;
  password: string;
  displayName: string;
  profile: { field: string; value: string }[];
}): Promise<Loaded<string>> {
  const result = await client.mutation(SignUpDocument, { input }).toPromise();
  return loaded(result, (data) => data.signUp.email);
}

export async function verifyEmail(token: string): Promise<Loaded<string>> {
  const result = await client.mutation(VerifyEmailDocument, { input: { token } }).toPromise();
  return loaded(result, (data) => data.verifyEmail.email);
}
