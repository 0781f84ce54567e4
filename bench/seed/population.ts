import type { Kysely } from "kysely";
import type { KeyRing } from "../../server/src/crypto/key-ring.js";
import type { Tables } from "../../server/src/database/tables.js";
import { insertBatches, type RowBatch } from "./batched-insert.js";
import {
  applicationRow,
  memberRow,
  subscriptionRows,
  userRow,
  type CredentialKind,
  type Row,
} from "./rows.js";

/** How many of each the population has; the benchmark asks for 10,000 / 20,000 / 50,000. */
export interface PopulationSize {
  readonly users: number;
  readonly applications: number;
  readonly subscriptions: number;
}

export const LARGE_POPULATION: PopulationSize = {
  users: 10_000,
  applications: 20_000,
  subscriptions: 50_000,
};

/**
 * The APIs of the sample configuration that issue credentials, in the order applications subscribe to them, each
 * with the plans used in turn. Every seeded user is in the `partners` group, so the partner API's plan is allowed.
 */
const apiRounds: readonly { apiId: string; plans: readonly string[]; credential: CredentialKind }[] = [
  { apiId: "orders", plans: ["free", "basic", "premium"], credential: "api_key" },
  { apiId: "payments", plans: ["basic", "premium"], credential: "oauth2" },
  { apiId: "logistics", plans: ["premium"], credential: "oauth2" },
];

/** Applications handled per transaction, with their members, subscriptions, histories and credentials. */
const APPLICATIONS_PER_BATCH = 1_000;
const USERS_PER_BATCH = 2_000;
const SEED_TIME = Date.parse("2026-01-01T00:00:00.000Z");

export interface PopulationOptions {
  readonly size: PopulationSize;
  /** Encrypts the credentials' secrets: the ring the portal will be started with. */
  readonly keyRing: KeyRing;
  /** Stored as every seeded user's password hash (one argon2id hash, so seeding stays fast). */
  readonly passwordHash: string;
  /** Called after each committed batch. */
  readonly progress?: (done: { table: string; rows: number }) => void;
}

/**
 * Fills the database with users (verified, in `partners`), applications (each with an owner, every fourth with a
 * collaborator too) and approved subscriptions with one current credential each. Ids are prefixed `seed-` so they
 * never collide with fixtures. Subscriptions go round-robin over the applications and, per round, to the next API
 * (orders, payments, logistics): at most one per application and API, as the portal enforces.
 */
export async function seedPopulation(db: Kysely<Tables>, options: PopulationOptions): Promise<void> {
  const { size } = options;
  if (size.subscriptions > size.applications * apiRounds.length) {
    throw new Error(
      `${size.subscriptions} subscriptions do not fit ${size.applications} applications × ${apiRounds.length} APIs`,
    );
  }
  if (size.applications > 0 && size.users === 0) throw new Error("applications need at least one user");
  await insertBatches(db, userBatches(options));
  options.progress?.({ table: "users", rows: size.users });
  await insertBatches(db, applicationBatches(options));
  options.progress?.({ table: "applications", rows: size.applications });
}

function at(offsetSeconds: number): string {
  return new Date(SEED_TIME + offsetSeconds * 1_000).toISOString();
}

export function seededUserId(index: number): string {
  return `seed-user-${index}`;
}

export function seededApplicationId(index: number): string {
  return `seed-app-${index}`;
}

function* userBatches(options: PopulationOptions): Generator<RowBatch> {
  for (let start = 0; start < options.size.users; start += USERS_PER_BATCH) {
    const users: Row<"users">[] = [];
    const groups: Row<"user_groups">[] = [];
    for (let i = start; i < Math.min(start + USERS_PER_BATCH, options.size.users); i++) {
      const id = seededUserId(i);
      users.push(
        userRow({
          id,
          email: `user${i}@seed.bench.example`,
          displayName: `Seeded user ${i}`,
          passwordHash: options.passwordHash,
          at: at(i),
        }),
      );
      groups.push({ user_id: id, group_id: "partners", created_at: at(i) });
    }
    yield { users, user_groups: groups };
  }
}

function* applicationBatches(options: PopulationOptions): Generator<RowBatch> {
  const { size } = options;
  for (let start = 0; start < size.applications; start += APPLICATIONS_PER_BATCH) {
    const end = Math.min(start + APPLICATIONS_PER_BATCH, size.applications);
    const applications: Row<"applications">[] = [];
    const members: Row<"application_members">[] = [];
    const subscriptions: Row<"subscriptions">[] = [];
    const history: Row<"subscription_status_history">[] = [];
    const credentials: Row<"credentials">[] = [];
    for (let j = start; j < end; j++) {
      const id = seededApplicationId(j);
      const ownerId = seededUserId(j % size.users);
      const created = at(size.users + j);
      applications.push(applicationRow({ id, name: `Seeded application ${j}`, ownerId, at: created }));
      members.push(memberRow(id, ownerId, "owner", created));
      if (j % 4 === 0 && size.users > 1) {
        members.push(memberRow(id, seededUserId((j + 1) % size.users), "collaborator", created));
      }
      apiRounds.forEach((round, r) => {
        if (r * size.applications + j >= size.subscriptions) return;
        const planId = round.plans[j % round.plans.length] ?? "premium";
        const rows = subscriptionRows(options.keyRing, {
          applicationId: id,
          apiId: round.apiId,
          planId,
          requestedBy: ownerId,
          approvedBy: planId === "premium" ? seededUserId((j + 2) % size.users) : null,
          provisioned: j % 5 !== 0,
          credential: round.credential,
          at: at(size.users + size.applications + r * size.applications + j),
        });
        subscriptions.push(rows.subscription);
        history.push(...rows.history);
        credentials.push(rows.credential);
      });
    }
    yield {
      applications,
      application_members: members,
      subscriptions,
      subscription_status_history: history,
      credentials,
    };
  }
}
