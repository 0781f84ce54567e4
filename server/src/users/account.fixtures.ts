import "reflect-metadata";
import { expect } from "vitest";
import type { Kysely, KyselyPlugin } from "kysely";
import { anonymous, type Actor, type CallOrigin, type UserActor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { createArgon2idHasher } from "../passwords/password-hasher.js";
import { resolveSessionActor } from "../sessions/session-actor.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { testLogger } from "../testing/test-logger.js";
import { createAccountServices, type AccountServices } from "./account-services.js";
import type { ApplicationOwnership } from "./application-ownership.js";

/**
 * Test helpers for the account services (users, sessions, passwords, rate limits, groups): a small static
 * configuration, a clock tests move, a cheap argon2id hasher, and readers for outbox events and audit rows.
 */

export const start = new Date("2026-03-01T10:00:00.000Z");

/** A clock tests move forward. */
export class TestClock {
  constructor(public now: Date = start) {}
  readonly read = (): Date => this.now;
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }
}

export const minutes = (n: number): number => n * 60_000;
export const hours = (n: number): number => n * 3_600_000;

export const browserOrigin: CallOrigin = {
  address: "203.0.113.10",
  userAgent: "test-browser",
  requestId: "req-1",
};

export function visitor(address: string | null = browserOrigin.address): Actor {
  return anonymous({ ...browserOrigin, address });
}

/** Groups: `admins` (admin), `approvers` (approver), `developers` (the default group), `partners`. */
export function accountTestConfig(overrides: Partial<StaticConfig["portal"]> = {}): StaticConfig {
  const group = (id: string, flags: { admin?: boolean; approver?: boolean } = {}) => ({
    id,
    name: id[0]?.toUpperCase() + id.slice(1),
    description: `The ${id}.`,
    admin: flags.admin ?? false,
    approver: flags.approver ?? false,
    altIds: [],
  });
  const config = {
    dir: "/nonexistent/config",
    hash: "test",
    portal: {
      title: "Test Portal",
      company: "Test Corp",
      footer: "",
      urls: { portal: "https://portal.test.example", apiGateway: "https://api.test.example" },
      passwordPolicy: {
        minLength: 10,
        maxLength: 64,
        requireUpper: false,
        requireLower: false,
        requireDigit: true,
        requireSpecial: false,
      },
      defaultGroup: "developers",
      profileFields: [
        { id: "company", label: "Company", required: true, maxLength: 40 },
        { id: "phone", label: "Phone", required: false, maxLength: 20 },
      ],
      auditLog: { retentionDays: 30 },
      sessions: { ttlHours: 12 },
      mailer: { from: "portal@test.example" },
      chatbot: { targets: [] },
      ...overrides,
    },
    groups: [
      group("admins", { admin: true }),
      group("approvers", { approver: true }),
      group("developers"),
      group("partners"),
    ],
    plans: [],
    apis: [],
    content: [],
    templates: { email: {}, chat: {} },
  };
  return config as unknown as StaticConfig;
}

/** argon2id with tiny costs: same code paths, milliseconds instead of tens of them. */
export const cheapHasher = createArgon2idHasher({
  algorithm: 2,
  memoryCost: 256,
  timeCost: 1,
  parallelism: 1,
});

export interface AccountsUnderTest {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly clock: TestClock;
  readonly services: AccountServices;
}

export function accountsOn(
  db: Kysely<Tables>,
  options: { config?: StaticConfig; clock?: TestClock; applicationOwnership?: ApplicationOwnership } = {},
): AccountsUnderTest {
  const config = options.config ?? accountTestConfig();
  const clock = options.clock ?? new TestClock();
  const services = createAccountServices(
    { db, config, logger: testLogger(), clock: clock.read },
    {
      hasher: cheapHasher,
      ...(options.applicationOwnership ? { applicationOwnership: options.applicationOwnership } : {}),
    },
  );
  return { db, config, clock, services };
}

export interface OutboxEvent {
  readonly sequence: number;
  readonly name: string;
  readonly actor: { kind: string; id: string | null };
  readonly subject: Record<string, string>;
  readonly payload: Record<string, unknown>;
}

export async function outboxEvents(db: Kysely<Tables>, name?: string): Promise<OutboxEvent[]> {
  let query = db.selectFrom("outbox_events").selectAll().orderBy("sequence");
  if (name) query = query.where("event_name", "=", name);
  const rows = await query.execute();
  return rows.map((row) => ({
    sequence: Number(row.sequence),
    name: row.event_name,
    actor: JSON.parse(row.actor) as OutboxEvent["actor"],
    subject: JSON.parse(row.subject_ids) as Record<string, string>,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  }));
}

export async function auditRows(db: Kysely<Tables>, action?: string) {
  let query = db.selectFrom("audit_log").selectAll().orderBy("at").orderBy("id");
  if (action) query = query.where("action", "=", action);
  const rows = await query.execute();
  return rows.map((row) => ({ ...row, summary: JSON.parse(row.summary) as Record<string, unknown> }));
}

/** The secret of the newest link of that event for that address, as the mailer would send it. */
export async function latestLinkToken(db: Kysely<Tables>, eventName: string, email: string): Promise<string> {
  const events = (await outboxEvents(db, eventName)).filter(
    (event) => event.payload.email === email || event.payload.newEmail === email,
  );
  const link = events.at(-1)?.payload.link;
  if (typeof link !== "string") throw new Error(`no ${eventName} event with a link for ${email}`);
  const token = new URL(link).searchParams.get("token");
  if (!token) throw new Error(`the link ${link} has no token`);
  return token;
}

/** The error code a promise rejects with (fails the test when it resolves or rejects with something else). */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

export async function domainErrorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

export const goodPassword = "correct horse 42";

export interface SignedInUser {
  readonly userId: string;
  readonly email: string;
  readonly password: string;
  readonly sessionToken: string;
  readonly actor: UserActor;
}

/** Signs up (with the required profile field), optionally verifies through the e-mailed link, and signs in. */
export async function signedInUser(
  accounts: AccountsUnderTest,
  email: string,
  options: { verified?: boolean; password?: string; origin?: CallOrigin } = {},
): Promise<SignedInUser> {
  const password = options.password ?? goodPassword;
  const origin = options.origin ?? browserOrigin;
  const { services, db } = accounts;
  const user = await services.registration.signUp(anonymous(origin), {
    email,
    password,
    displayName: email.split("@")[0],
    profile: [{ field: "company", value: "ACME" }],
  });
  if (options.verified ?? true) {
    await services.registration.verifyEmail(anonymous(origin), {
      token: await latestLinkToken(db, "user.verification_requested", user.email),
    });
  }
  const signedIn = await services.sessions.signIn(anonymous(origin), { email, password });
  const actor = await sessionActor(accounts, signedIn.token, origin);
  expect(actor).not.toBeNull();
  return {
    userId: user.id,
    email: user.email,
    password,
    sessionToken: signedIn.token,
    actor: actor as UserActor,
  };
}

/** The actor of a session cookie, as the transport resolves it. */
export function sessionActor(
  accounts: AccountsUnderTest,
  token: string,
  origin: CallOrigin = browserOrigin,
): Promise<UserActor | null> {
  return resolveSessionActor(accounts.db, accounts.config, token, origin, accounts.clock.now);
}

/** Makes a user a member of the groups directly in the database (test set-up, no audit). */
export async function putInGroups(
  db: Kysely<Tables>,
  userId: string,
  groups: readonly string[],
): Promise<void> {
  await db
    .insertInto("user_groups")
    .values(groups.map((group_id) => ({ user_id: userId, group_id, created_at: start.toISOString() })))
    .execute();
}

/** A Kysely plugin that makes every insert into `table` fail, to prove a change rolls back as a whole. */
export function failingInsertsInto(table: string): KyselyPlugin {
  return {
    transformQuery(args) {
      const node = args.node as { kind: string; into?: { table?: { identifier?: { name?: string } } } };
      if (node.kind === "InsertQueryNode" && node.into?.table?.identifier?.name === table) {
        throw new Error(`test: inserts into ${table} fail`);
      }
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
}
