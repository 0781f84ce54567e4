import { client } from "../client";
import { graphql } from "../gql";
import type { AdminUserQuery, GroupsQuery, UserFilter, UsersQuery } from "../gql/graphql";
import { connectionPage, type ConnectionPage } from "./connection-pages";
import { loaded, type Loaded } from "./result";

export type UserListItem = UsersQuery["users"]["edges"][number]["node"];
export type UserDetail = NonNullable<AdminUserQuery["user"]>;
export type Group = GroupsQuery["groups"][number];

export type UserPage = ConnectionPage<UserListItem>;

const UsersDocument = graphql(`
  query Users($filter: UserFilter, $after: String) {
    users(filter: $filter, first: 25, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          email
          displayName
          emailVerified
          disabledAt
          groups {
            id
            name
          }
        }
      }
    }
  }
`);

const AdminUserDocument = graphql(`
  query AdminUser($id: ID!) {
    user(id: $id) {
      id
      email
      displayName
      emailVerified
      createdAt
      disabledAt
      isAdmin
      isApprover
      groups {
        id
        name
      }
      profile {
        field
        label
        value
      }
    }
  }
`);

const GroupsDocument = graphql(`
  query Groups {
    groups {
      id
      name
      description
      isAdmin
      isApprover
    }
  }
`);

const SetUserGroupsDocument = graphql(`
  mutation SetUserGroups($input: SetUserGroupsInput!) {
    setUserGroups(input: $input) {
      user {
        id
      }
    }
  }
`);

const DisableUserDocument = graphql(`
  mutation DisableUser($input: UserRefInput!) {
    disableUser(input: $input) {
      user {
        id
        disabledAt
      }
    }
  }
`);

const EnableUserDocument = graphql(`
  mutation EnableUser($input: UserRefInput!) {
    enableUser(input: $input) {
      user {
        id
        disabledAt
      }
    }
  }
`);

export async function loadUsers(filter: UserFilter, after: string | null): Promise<Loaded<UserPage>> {
  const result = await client
    .query(UsersDocument, { filter, after }, { requestPolicy: "network-only" })
    .toPromise();
  return loaded(result, (data) => connectionPage(data.users));
}

export async function loadUser(id: string): Promise<Loaded<UserDetail | null>> {
  const result = await client.query(AdminUserDocument, { id }, { requestPolicy: "network-only" }).toPromise();
  return loaded(result, (data) => data.user ?? null);
}

export async function loadGroups(): Promise<Loaded<readonly Group[]>> {
  const result = await client.query(GroupsDocument, {}).toPromise();
  return loaded(result, (data) => data.groups);
}

/** Replaces the user's groups with exactly these. */
export async function setUserGroups(userId: string, groupIds: readonly string[]): Promise<Loaded<true>> {
  const result = await client
    .mutation(SetUserGroupsDocument, { input: { userId, groupIds: [...groupIds] } })
    .toPromise();
  return loaded(result, () => true as const);
}

export async function setUserDisabled(userId: string, disabled: boolean): Promise<Loaded<true>> {
  const input = { userId };
  if (disabled) {
    return loaded(await client.mutation(DisableUserDocument, { input }).toPromise(), () => true as const);
  }
  return loaded(await client.mutation(EnableUserDocument, { input }).toPromise(), () => true as const);
}
