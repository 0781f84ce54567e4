import type { Kysely } from "kysely";
import type { AuthorizationRows, Expectation, OperationRow } from "../authorization/authorization-matrix.js";
import type { CallerFixtures, CallerKind } from "../authorization/caller-fixtures.js";
import type { Tables } from "../database/tables.js";
import { insertUser } from "../users/user.repository.js";
import { insertMember } from "./application-member.repository.js";
import { insertApplication } from "./application.repository.js";
import type { ApplicationRole } from "./application.types.js";

/**
 * Who may use the application operations. Each case seeds the application `matrix-app`: the verified user is
 * its owner, a third user (`usr_matrix_member`) a reader, and the other user has the role the case names (or
 * none). The approver is not a member.
 *
 * The matrix counts NOT_FOUND as "allow" (the call was not refused for who the caller is). Applications answer
 * NOT_FOUND to everyone who may not see them, so "allow" for a non-member below means NOT_FOUND; the exact
 * codes of every role and operation are checked in `application-roles.test.ts`.
 */
const applicationId = "matrix-app";
const thirdMemberId = "usr_matrix_member";

async function seedApplication(
  db: Kysely<Tables>,
  fixtures: CallerFixtures,
  anotherRole: ApplicationRole | null,
): Promise<void> {
  const at = fixtures.now.toISOString();
  await insertApplication(db, {
    id: applicationId,
    name: "Matrix app",
    description: "Seeded for the authorization matrix.",
    clientType: "confidential",
    redirectUris: ["https://matrix.example/cb"],
    createdBy: fixtures.users.verified.id,
    createdAt: at,
    updatedAt: at,
  });
  await insertUser(
    db,
    {
      id: thirdMemberId,
      email: "matrix-member@example.com",
      passwordHash: null,
      displayName: "Matrix member",
      profile: {},
      emailVerifiedAt: at,
    },
    fixtures.now,
  );
  const members: [string, ApplicationRole][] = [
    [fixtures.users.verified.id, "owner"],
    [thirdMemberId, "reader"],
  ];
  if (anotherRole) members.push([fixtures.users.another.id, anotherRole]);
  for (const [userId, role] of members) {
    await insertMember(db, { applicationId, userId, role, addedAt: at });
  }
}

/** Expectations shared by every change: who may attempt one at all. */
const changeBase = {
  anonymous: "UNAUTHENTICATED",
  unverifiedUser: "EMAIL_NOT_VERIFIED",
  verifiedUser: "allow",
  disabledUser: "UNAUTHENTICATED",
  approver: "allow", // NOT_FOUND: not a member
  administrator: "allow",
  serviceAccount: "FORBIDDEN",
  readOnlyToken: "INSUFFICIENT_SCOPE",
} as const satisfies Partial<Record<CallerKind, Expectation>>;

/**
 * One row per role of the other user, for an operation only owners (and administrators) may do: collaborators
 * and readers are FORBIDDEN, non-members get NOT_FOUND ("allow" here).
 */
function ownerOnly(
  document: string,
  variables: (fixtures: CallerFixtures) => Record<string, unknown>,
): OperationRow[] {
  return (["collaborator", "reader", null] as const).map((role) => ({
    case: role ? `the other user is a ${role}` : "the other user is not a member",
    document,
    variables: async (fixtures: CallerFixtures, db: Kysely<Tables>) => {
      await seedApplication(db, fixtures, role);
      return variables(fixtures);
    },
    expect: { ...changeBase, anotherUser: role ? "FORBIDDEN" : "allow" },
  }));
}

const readBase = {
  anonymous: "UNAUTHENTICATED",
  unverifiedUser: "allow",
  verifiedUser: "allow",
  anotherUser: "allow",
  disabledUser: "UNAUTHENTICATED",
  approver: "allow",
  administrator: "allow",
  readOnlyToken: "allow",
} as const satisfies Partial<Record<CallerKind, Expectation>>;

export const authorizationRows: AuthorizationRows = {
  "Query.applications": [
    {
      case: "own applications",
      document:
        "query { applications(first: 10) { totalCount edges { node { id members { role user { email } } viewerRole } } } }",
      variables: async (fixtures, db) => {
        await seedApplication(db, fixtures, "reader");
        return {};
      },
      expect: { ...readBase, serviceAccount: "FORBIDDEN" },
    },
    {
      case: "every application (all: true)",
      document:
        'query { applications(all: true, filter: { search: "matrix" }) { totalCount edges { node { id members { role } } } } }',
      variables: async (fixtures, db) => {
        await seedApplication(db, fixtures, null);
        return {};
      },
      expect: {
        anonymous: "UNAUTHENTICATED",
        unverifiedUser: "FORBIDDEN",
        verifiedUser: "FORBIDDEN",
        anotherUser: "FORBIDDEN",
        disabledUser: "UNAUTHENTICATED",
        approver: "FORBIDDEN",
        administrator: "allow",
        serviceAccount: "allow",
        readOnlyToken: "FORBIDDEN",
      },
    },
  ],
  "Query.application": {
    case: "null for those who may not see it",
    document:
      "query ($id: ID!) { application(id: $id) { id descriptionHtml redirectUris members { role user { id email displayName } } viewerRole } }",
    variables: async (fixtures, db) => {
      await seedApplication(db, fixtures, null);
      return { id: applicationId };
    },
    expect: { ...readBase, serviceAccount: "allow" },
  },
  "Mutation.createApplication": {
    document:
      "mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { application { id viewerRole } } }",
    variables: () => ({
      input: {
        id: "new-app",
        name: "New app",
        clientType: "PUBLIC_SPA",
        redirectUris: ["https://new.example/cb", "http://localhost:3000/cb"],
      },
    }),
    expect: { ...changeBase, approver: "allow", anotherUser: "allow" },
  },
  "Mutation.updateApplication": ownerOnly(
    "mutation ($input: UpdateApplicationInput!) { updateApplication(input: $input) { application { id name } } }",
    () => ({ input: { id: applicationId, name: "Renamed", redirectUris: [] } }),
  ),
  "Mutation.deleteApplication": ownerOnly(
    "mutation ($id: ID!) { deleteApplication(input: { id: $id }) { deletedApplicationId } }",
    () => ({ id: applicationId }),
  ),
  "Mutation.addApplicationMember": ownerOnly(
    "mutation ($input: AddApplicationMemberInput!) { addApplicationMember(input: $input) { member { role } } }",
    (fixtures) => ({
      input: { applicationId, email: fixtures.users.approver.email, role: "COLLABORATOR" },
    }),
  ),
  "Mutation.changeApplicationMemberRole": ownerOnly(
    "mutation ($input: ChangeApplicationMemberRoleInput!) { changeApplicationMemberRole(input: $input) { member { role } } }",
    () => ({ input: { applicationId, userId: thirdMemberId, role: "COLLABORATOR" } }),
  ),
  "Mutation.removeApplicationMember": [
    ...ownerOnly(
      "mutation ($input: RemoveApplicationMemberInput!) { removeApplicationMember(input: $input) { removedUserId } }",
      () => ({ input: { applicationId, userId: thirdMemberId } }),
    ),
    {
      case: "the other user (a reader) leaves",
      document:
        "mutation ($input: RemoveApplicationMemberInput!) { removeApplicationMember(input: $input) { removedUserId application { id } } }",
      variables: async (fixtures, db) => {
        await seedApplication(db, fixtures, "reader");
        return { input: { applicationId, userId: fixtures.users.another.id } };
      },
      expect: { ...changeBase, anotherUser: "allow" },
    },
  ],
};
