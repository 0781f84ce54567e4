import type { Kysely } from "kysely";
import type { KeyRing } from "../../server/src/crypto/key-ring.js";
import type { Tables } from "../../server/src/database/tables.js";
import { insertBatches } from "./batched-insert.js";
import { applicationRow, memberRow, subscriptionRows, userRow } from "./rows.js";

/** The signed-in developer of the benchmarks: verified, in no group (sees what every developer sees). */
export const benchDeveloper = {
  id: "bench-developer",
  email: "developer@bench.example",
  password: "Bench-developer-password-1",
} as const;

/** The application read by the single-application case: subscribed to a key-auth and an OAuth2 API. */
export const benchApplicationId = "bench-reader-app";

const FIXTURE_TIME = "2026-02-01T00:00:00.000Z";

/**
 * The benchmark's own rows, the same on a small and on a seeded database: the developer (with `passwordHash`, the
 * argon2id hash of {@link benchDeveloper}'s password) and their application with an approved `orders` (free, API
 * key) and `payments` (basic, OAuth2 client id and secret) subscription.
 */
export async function seedBenchFixture(
  db: Kysely<Tables>,
  keyRing: KeyRing,
  passwordHash: string,
): Promise<void> {
  const subscriptions = [
    { apiId: "orders", planId: "free", credential: "api_key" as const },
    { apiId: "payments", planId: "basic", credential: "oauth2" as const },
  ].map((s) =>
    subscriptionRows(keyRing, {
      ...s,
      applicationId: benchApplicationId,
      requestedBy: benchDeveloper.id,
      approvedBy: null,
      provisioned: true,
      at: FIXTURE_TIME,
    }),
  );
  await insertBatches(db, [
    {
      users: [
        userRow({
          id: benchDeveloper.id,
          email: benchDeveloper.email,
          displayName: "Bench Developer",
          passwordHash,
          at: FIXTURE_TIME,
        }),
      ],
      applications: [
        applicationRow({
          id: benchApplicationId,
          name: "Bench reader app",
          ownerId: benchDeveloper.id,
          at: FIXTURE_TIME,
        }),
      ],
      application_members: [memberRow(benchApplicationId, benchDeveloper.id, "owner", FIXTURE_TIME)],
      subscriptions: subscriptions.map((s) => s.subscription),
      subscription_status_history: subscriptions.flatMap((s) => s.history),
      credentials: subscriptions.map((s) => s.credential),
    },
  ]);
}

/**
 * `count` applications of the developer without subscriptions, ids `bench-sub-<prefix>-<n>`: each one takes one
 * subscribe request of the auto-approval case. Returns their ids in order.
 */
export async function seedSubscribeTargets(
  db: Kysely<Tables>,
  prefix: string,
  count: number,
): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, n) => `bench-sub-${prefix}-${n}`);
  const batches = [];
  for (let start = 0; start < ids.length; start += 1_000) {
    const chunk = ids.slice(start, start + 1_000);
    batches.push({
      applications: chunk.map((id) =>
        applicationRow({ id, name: `Subscribe target ${id}`, ownerId: benchDeveloper.id, at: FIXTURE_TIME }),
      ),
      application_members: chunk.map((id) => memberRow(id, benchDeveloper.id, "owner", FIXTURE_TIME)),
    });
  }
  await insertBatches(db, batches);
  return ids;
}
