import "reflect-metadata";
import type { Kysely } from "kysely";
import type { UserActor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { insertUser } from "../users/user.repository.js";
import type { ApplicationHooks } from "./application.hooks.js";
import { createApplicationServices, type ApplicationServices } from "./application-services.js";

/** Test helpers for applications: people with actors, services on a database, readers for events and audit. */

export const testNow = new Date("2026-05-04T09:00:00.000Z");

const origin = { address: "203.0.113.20", userAgent: "application-tests", requestId: "req-app" };

export interface Person {
  readonly id: string;
  readonly email: string;
  readonly actor: UserActor;
}

/** Inserts a user (verified unless said otherwise) and returns it with a session actor. */
export async function person(
  db: Kysely<Tables>,
  name: string,
  options: {
    verified?: boolean;
    disabled?: boolean;
    isAdmin?: boolean;
    isApprover?: boolean;
    scope?: "read" | "write";
  } = {},
): Promise<Person> {
  const id = `usr_${name}`;
  const email = `${name}@example.com`;
  const verified = options.verified ?? true;
  await insertUser(
    db,
    {
      id,
      email,
      passwordHash: null,
      displayName: name[0]?.toUpperCase() + name.slice(1),
      profile: {},
      emailVerifiedAt: verified ? testNow.toISOString() : null,
    },
    testNow,
  );
  if (options.disabled) {
    await db.updateTable("users").set({ disabled_at: testNow.toISOString() }).where("id", "=", id).execute();
  }
  const groups = [
    "developers",
    ...(options.isAdmin ? ["admin"] : []),
    ...(options.isApprover ? ["approvers"] : []),
  ];
  const actor: UserActor = {
    kind: "user",
    userId: id,
    email,
    emailVerified: verified,
    groups,
    isAdmin: options.isAdmin ?? false,
    isApprover: options.isApprover ?? false,
    via:
      options.scope === "read"
        ? { kind: "token", tokenId: `pat_${name}` }
        : { kind: "session", sessionId: `ses_${name}` },
    scope: options.scope ?? "write",
    origin,
  };
  return { id, email, actor };
}

/** The application services on `db` with a fixed clock and the given hooks. */
export function applicationsOn(
  db: Kysely<Tables>,
  hooks: readonly ApplicationHooks[] = [],
  clock: () => Date = () => testNow,
): ApplicationServices {
  return createApplicationServices({ db, clock }, { hooks });
}

export interface StoredEvent {
  readonly name: string;
  readonly subject: Record<string, string>;
  readonly payload: Record<string, unknown>;
}

/** Outbox events whose name starts with `prefix`, oldest first. */
export async function eventsOf(db: Kysely<Tables>, prefix = "application."): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom("outbox_events")
    .selectAll()
    .where("event_name", "like", `${prefix}%`)
    .orderBy("sequence")
    .execute();
  return rows.map((row) => ({
    name: row.event_name,
    subject: JSON.parse(row.subject_ids) as Record<string, string>,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  }));
}

/** Audit entries whose action starts with `prefix`, in insertion order of their time. */
export async function auditOf(db: Kysely<Tables>, prefix = "application.") {
  const rows = await db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "like", `${prefix}%`)
    .orderBy("at")
    .execute();
  return rows.map((row) => ({ ...row, summary: JSON.parse(row.summary) as Record<string, unknown> }));
}

/** A valid creation input, with overrides. */
export function newApplication(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    name: `App ${id}`,
    description: "Does *things*.",
    clientType: "confidential",
    redirectUris: ["https://app.example.com/callback"],
    ...overrides,
  };
}
