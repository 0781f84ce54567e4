import "reflect-metadata";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import type { Kysely } from "kysely";
import { expect } from "vitest";
import { noOrigin, type Actor, type ServiceActor, type UserActor } from "../actor/actor.js";
import { createPortalServices, type PortalServices } from "../app/portal-services.js";
import { testStaticConfig } from "../authorization/caller-fixtures.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import type { EventName, EventPayload } from "../events/event-catalogue.js";
import { addUserToGroups } from "../groups/group-membership.repository.js";
import { loadRuntimeConfig } from "../runtime-config/runtime-config.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { testLogger } from "../testing/test-logger.js";
import { loadUserActor } from "../users/user-actor.js";
import { insertUser } from "../users/user.repository.js";

/**
 * A small world for the subscription, credential and approval tests on the sample configuration
 * (`deploy/config`): orders (key-auth; plans free, basic, premium with approval, internal for group `internal`),
 * payments (OAuth2 with authorization_code; basic, premium), logistics (OAuth2, partner API of group `partners`;
 * premium), inventory-v1 (deprecated), catalog (no authentication).
 */

export const start = new Date("2026-05-01T08:00:00.000Z");

/** A clock tests move forward. */
export class TestClock {
  constructor(public now: Date = start) {}
  readonly read = (): Date => this.now;
  advance(seconds: number): void {
    this.now = new Date(this.now.getTime() + seconds * 1000);
  }
}

const people = {
  owner: ["developers", "partners"],
  collaborator: ["developers"],
  reader: ["developers"],
  outsider: ["developers", "partners"],
  partnerApprover: ["developers", "approvers", "partners"],
  plainApprover: ["developers", "approvers"],
  admin: ["developers", "admin"],
} as const;

export type Person = keyof typeof people;

export interface World {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly clock: TestClock;
  readonly services: PortalServices;
  /** Services on another handle of the same database (e.g. one that counts statements). */
  servicesOn(db: Kysely<Tables>): PortalServices;
  /** Users by role; `owner` owns `shop-app` (with `collaborator` and `reader`) and `spa-app`. */
  readonly users: Record<Person, UserActor>;
  readonly bridge: ServiceActor;
  readonly readOnlyBridge: ServiceActor;
  /** Confidential, with a redirect URI. */
  readonly shopApp: string;
  /** Public single-page application without redirect URIs. */
  readonly spaApp: string;
}

export const encryptionKey = { id: "test-key", key: randomBytes(32) };

export async function actorOf(world: Pick<World, "db" | "config">, userId: string): Promise<UserActor> {
  const actor = await loadUserActor(
    world.db,
    world.config,
    userId,
    { kind: "session", sessionId: `ses_${userId}` },
    "write",
    noOrigin,
  );
  if (!actor) throw new Error(`no user ${userId}`);
  return actor;
}

export function readOnly(actor: UserActor): UserActor {
  return { ...actor, scope: "read", via: { kind: "token", tokenId: "pat-read" } };
}

export async function createWorld(db: Kysely<Tables>, clock = new TestClock()): Promise<World> {
  const config = await testStaticConfig();
  const runtime = loadRuntimeConfig(
    { PORTAL_ENCRYPTION_KEYS: `${encryptionKey.id}:${encryptionKey.key.toString("base64")}` },
    tmpdir(),
  );
  const servicesOn = (on: Kysely<Tables>) =>
    createPortalServices({ db: on, config, runtime, logger: testLogger(), clock: clock.read });
  const services = servicesOn(db);
  const users: Partial<Record<Person, UserActor>> = {};
  for (const [person, groups] of Object.entries(people)) {
    const id = `usr_${person}`;
    await insertUser(
      db,
      {
        id,
        email: `${person}@example.com`,
        passwordHash: null,
        displayName: person,
        profile: {},
        emailVerifiedAt: start.toISOString(),
      },
      start,
    );
    await addUserToGroups(db, id, groups, start);
    users[person as Person] = await actorOf({ db, config }, id);
  }
  const all = users as Record<Person, UserActor>;
  const apps = services.applications;
  await apps.applications.create(all.owner, {
    id: "shop-app",
    name: "Shop",
    clientType: "confidential",
    redirectUris: ["https://shop.example.com/callback"],
  });
  await apps.members.add(all.owner, {
    applicationId: "shop-app",
    email: "collaborator@example.com",
    role: "collaborator",
  });
  await apps.members.add(all.owner, {
    applicationId: "shop-app",
    email: "reader@example.com",
    role: "reader",
  });
  await apps.applications.create(all.owner, { id: "spa-app", name: "SPA", clientType: "public_spa" });
  const bridge = { kind: "service", serviceAccountId: "bridge", scope: "write", origin: noOrigin } as const;
  return {
    db,
    config,
    clock,
    services,
    servicesOn,
    users: all,
    bridge,
    readOnlyBridge: { ...bridge, serviceAccountId: "mailer", scope: "read" },
    shopApp: "shop-app",
    spaApp: "spa-app",
  };
}

/** Runs `work` and returns the DomainError code it failed with (fails the test when it succeeds). */
export async function failureOf(
  work: Promise<unknown>,
): Promise<{ code: string; fields: string[]; message: string }> {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) {
      return {
        code: error.code,
        fields: (error.details.fields ?? []).map((f) => `${f.field}:${f.code}`),
        message: error.message,
      };
    }
    throw error;
  }
  expect.fail("expected a DomainError");
}

/** The payloads of every outbox event of that name, oldest first. */
export async function eventsNamed<N extends EventName>(
  db: Kysely<Tables>,
  name: N,
): Promise<EventPayload<N>[]> {
  const rows = await db
    .selectFrom("outbox_events")
    .select("payload")
    .where("event_name", "=", name)
    .orderBy("sequence")
    .execute();
  return rows.map((row) => JSON.parse(row.payload) as EventPayload<N>);
}

/** Audit actions recorded for a target, oldest first. */
export async function auditActionsOf(db: Kysely<Tables>, targetId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("audit_log")
    .select(["action", "at", "id"])
    .where("target_id", "=", targetId)
    .orderBy("at")
    .orderBy("id")
    .execute();
  return rows.map((row) => row.action);
}

export function subscribe(world: World, actor: Actor, applicationId: string, apiId: string, planId: string) {
  return world.services.subscriptions.subscriptions.subscribe(actor, { applicationId, apiId, planId });
}
