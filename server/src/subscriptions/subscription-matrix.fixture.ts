import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { insertMember } from "../applications/application-member.repository.js";
import { insertApplication } from "../applications/application.repository.js";
import type { ApplicationRole } from "../applications/application.types.js";
import type { Expectation } from "../authorization/authorization-matrix.js";
import type { CallerFixtures, CallerKind } from "../authorization/caller-fixtures.js";
import type { Tables } from "../database/tables.js";
import { addUserToGroups } from "../groups/group-membership.repository.js";
import { insertStatusHistory, insertSubscription } from "./subscription.repository.js";
import type { SubscriptionStatus } from "./subscription.types.js";

/**
 * Seeds for the authorization rows of subscriptions, credentials and approvals. Each case seeds the application
 * `matrix-app` (a public single-page client, so approvals in the matrix issue client ids without secrets): the
 * verified user is its owner and the other user has the role the case names (or none). The approver is no
 * member; cases put it into the API's group (`partners`) or not.
 *
 * The matrix counts NOT_FOUND, CONFLICT and VALIDATION_FAILED as "allow" (the caller was not refused for who they
 * are). Application ids are guessable, so outsiders get NOT_FOUND for an application ("allow" below); the exact
 * codes of every role are checked in the service tests (`subscribe.test.ts`, `subscription-changes.test.ts`,
 * `approvals.service.test.ts`, `credential.service.test.ts`).
 */
export const matrixApplicationId = "matrix-app";

export type Allowed = Readonly<Record<CallerKind, Expectation>>;

export async function seedMatrixApplication(
  db: Kysely<Tables>,
  fixtures: CallerFixtures,
  anotherRole: ApplicationRole | null,
): Promise<string> {
  const at = fixtures.now.toISOString();
  await insertApplication(db, {
    id: matrixApplicationId,
    name: "Matrix app",
    description: "Seeded for the authorization matrix.",
    clientType: "public_spa",
    redirectUris: ["https://matrix.example/cb"],
    createdBy: fixtures.users.verified.id,
    createdAt: at,
    updatedAt: at,
  });
  await insertMember(db, {
    applicationId: matrixApplicationId,
    userId: fixtures.users.verified.id,
    role: "owner",
    addedAt: at,
  });
  if (anotherRole) {
    await insertMember(db, {
      applicationId: matrixApplicationId,
      userId: fixtures.users.another.id,
      role: anotherRole,
      addedAt: at,
    });
  }
  return matrixApplicationId;
}

export interface SeededSubscription {
  readonly apiId: string;
  readonly planId: string;
  readonly status: SubscriptionStatus;
  /** Defaults to the verified user (the owner). */
  readonly requestedBy?: string;
  /** Put the approver into the API's group `partners`. */
  readonly approverInPartners?: boolean;
}

/** A subscription of `matrix-app` (seeded first) in the given state; returns its id. */
export async function seedMatrixSubscription(
  db: Kysely<Tables>,
  fixtures: CallerFixtures,
  anotherRole: ApplicationRole | null,
  spec: SeededSubscription,
): Promise<string> {
  await seedMatrixApplication(db, fixtures, anotherRole);
  if (spec.approverInPartners)
    await addUserToGroups(db, fixtures.users.approver.id, ["partners"], fixtures.now);
  const at = fixtures.now.toISOString();
  const id = randomUUID();
  const requestedBy = spec.requestedBy ?? fixtures.users.verified.id;
  await insertSubscription(db, {
    id,
    applicationId: matrixApplicationId,
    apiId: spec.apiId,
    planId: spec.planId,
    status: spec.status,
    statusReason: null,
    statusChangedAt: at,
    requestedBy,
    approvedAt: spec.status === "pending_approval" ? null : at,
    approvedBy: null,
    createdAt: at,
    updatedAt: at,
  });
  await insertStatusHistory(db, {
    subscriptionId: id,
    status: spec.status,
    reason: null,
    actorId: requestedBy,
    at,
  });
  return id;
}

/** The other user's expectation for each role, for operations of owners and collaborators on a subscription. */
export const managersOnly = {
  owner: "allow",
  collaborator: "allow",
  reader: "FORBIDDEN",
  none: "FORBIDDEN",
} as const satisfies Record<ApplicationRole | "none", Expectation>;

/** Who may attempt a change of a subscription at all (the other user varies by case). */
export const changeBase = {
  anonymous: "UNAUTHENTICATED",
  unverifiedUser: "EMAIL_NOT_VERIFIED",
  verifiedUser: "allow",
  disabledUser: "UNAUTHENTICATED",
  approver: "FORBIDDEN",
  administrator: "allow",
  serviceAccount: "FORBIDDEN",
  readOnlyToken: "INSUFFICIENT_SCOPE",
} as const satisfies Partial<Record<CallerKind, Expectation>>;

export const roleCases = ["collaborator", "reader", null] as const;

export function caseName(role: ApplicationRole | null): string {
  return role ? `the other user is a ${role}` : "the other user is no member";
}
