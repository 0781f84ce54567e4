import { client } from "../client";
import { graphql } from "../gql";
import type { ApplicationClientType, ApplicationRole, ApplicationSettingsQuery } from "../gql/graphql";
import { loaded, type Loaded } from "./result";

export type { ApplicationRole };
export type ApplicationSettings = NonNullable<ApplicationSettingsQuery["application"]>;
export type ApplicationMember = ApplicationSettings["members"][number];

const ApplicationSettingsDocument = graphql(`
  query ApplicationSettings($id: ID!) {
    application(id: $id) {
      id
      name
      description
      clientType
      redirectUris
      viewerRole
      members {
        role
        addedAt
        user {
          id
          displayName
          email
        }
      }
    }
  }
`);

const UpdateApplicationDocument = graphql(`
  mutation UpdateApplication($input: UpdateApplicationInput!) {
    updateApplication(input: $input) {
      application {
        id
        name
      }
    }
  }
`);

const DeleteApplicationDocument = graphql(`
  mutation DeleteApplication($input: DeleteApplicationInput!) {
    deleteApplication(input: $input) {
      deletedApplicationId
    }
  }
`);

const AddApplicationMemberDocument = graphql(`
  mutation AddApplicationMember($input: AddApplicationMemberInput!) {
    addApplicationMember(input: $input) {
      member {
        role
        user {
          id
          displayName
        }
      }
    }
  }
`);

const ChangeApplicationMemberRoleDocument = graphql(`
  mutation ChangeApplicationMemberRole($input: ChangeApplicationMemberRoleInput!) {
    changeApplicationMemberRole(input: $input) {
      member {
        role
      }
    }
  }
`);

const RemoveApplicationMemberDocument = graphql(`
  mutation RemoveApplicationMember($input: RemoveApplicationMemberInput!) {
    removeApplicationMember(input: $input) {
      applicationId
    }
  }
`);

/** The application with what its settings page edits, and its members; null when it does not exist for you. */
export async function loadApplicationSettings(id: string): Promise<Loaded<ApplicationSettings | null>> {
  const result = await client
    .query(ApplicationSettingsDocument, { id }, { requestPolicy: "network-only" })
    .toPromise();
  return loaded(result, (data) => data.application ?? null);
}

export async function updateApplication(input: {
  id: string;
  name: string;
  description: string;
  clientType: ApplicationClientType;
  redirectUris: string[];
}): Promise<Loaded<string>> {
  const result = await client.mutation(UpdateApplicationDocument, { input }).toPromise();
  return loaded(result, (data) => data.updateApplication.application.name);
}

export async function deleteApplication(id: string): Promise<Loaded<true>> {
  const result = await client.mutation(DeleteApplicationDocument, { input: { id } }).toPromise();
  return loaded(result, () => true as const);
}

export async function addApplicationMember(input: {
  applicationId: string;
  email: string;
  role: ApplicationRole;
}): Promise<Loaded<string>> {
  const result = await client.mutation(AddApplicationMemberDocument, { input }).toPromise();
  return loaded(result, (data) => data.addApplicationMember.member.user.displayName);
}

export async function changeApplicationMemberRole(input: {
  applicationId: string;
  userId: string;
  role: ApplicationRole;
}): Promise<Loaded<ApplicationRole>> {
  const result = await client.mutation(ChangeApplicationMemberRoleDocument, { input }).toPromise();
  return loaded(result, (data) => data.changeApplicationMemberRole.member.role);
}

export async function removeApplicationMember(input: {
  applicationId: string;
  userId: string;
}): Promise<Loaded<true>> {
  const result = await client.mutation(RemoveApplicationMemberDocument, { input }).toPromise();
  return loaded(result, () => true as const);
}
