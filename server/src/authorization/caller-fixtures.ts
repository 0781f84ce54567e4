import type { Kysely } from "kysely";
import { randomBytes } from "node:crypto";
import { generateAccessTokenSecret } from "../access-tokens/access-token.secret.js";
import { insertAccessToken } from "../access-tokens/access-token.repository.js";
import { resolveBearerActor } from "../access-tokens/bearer-authentication.js";
import { anonymous, type AccessScope, type Actor, type CallOrigin } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { addUserToGroups } from "../groups/group-membership.repository.js";
import { hashSecretToken, newSecretToken } from "../passwords/secret-token.js";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import { loadRuntimeConfig } from "../runtime-config/runtime-config.js";
import { loadStaticConfig, type StaticConfig } from "../static-config/static-config.js";
import { insertSession } from "../sessions/session.repository.js";
import { resolveSessionActor } from "../sessions/session-actor.js";
import { sampleConfigDir } from "../static-config/sample-config.fixture.js";
import { insertUser } from "../users/user.repository.js";

/**
 * Every kind of caller the authorization matrix checks. Each noun's rows say, for each of them, whether an
 * operation is allowed.
 */
export const callerKinds = [
  "anonymous",
  "unverifiedUser",
  "verifiedUser",
  "anotherUser",
  "disabledUser",
  "approver",
  "administrator",
  "serviceAccount",
  "readOnlyToken",
] as const;

export type CallerKind = (typeof callerKinds)[number];

export const testOrigin: CallOrigin = {
  address: "198.51.100.7",
  userAgent: "caller-fixtures",
  requestId: null,
};

/** The users of the fixture, by role. `verified` owns the objects other callers try to reach. */
export interface FixtureUsers {
  readonly unverified: FixtureUser;
  readonly verified: FixtureUser;
  readonly another: FixtureUser;
  readonly disabled: FixtureUser;
  readonly approver: FixtureUser;
  readonly administrator: FixtureUser;
}

export interface FixtureUser {
  readonly id: string;
  readonly email: string;
  /** A browser session of the user (id and the cookie value). */
  readonly session: { readonly id: string; readonly token: string };
}

/** What {@link seedCallers} created; plain data, so it stays valid in copies of the database. */
export interface CallerFixtures {
  readonly now: Date;
  readonly staticConfig: StaticConfig;
  /** With one read-write service account (`bridge`). */
  readonly runtime: RuntimeConfig;
  readonly users: FixtureUsers;
  /** Personal access tokens of `users.verified`. */
  readonly tokens: {
    readonly readOnly: { readonly id: string; readonly token: string };
    readonly write: { readonly id: string; readonly token: string };
  };
  readonly serviceToken: string;
}

let staticConfig: Promise<StaticConfig> | undefined;

/** The sample configuration of `deploy/config` (groups `admin` with the admin flag, `approvers`, `developers`). */
export function testStaticConfig(): Promise<StaticConfig> {
  staticConfig ??= loadStaticConfig(sampleConfigDir, {});
  return staticConfig;
}

const userSpecs = {
  unverified: { verified: false, disabled: false, groups: [] },
  verified: { verified: true, disabled: false, groups: ["developers"] },
  another: { verified: true, disabled: false, groups: ["developers"] },
  disabled: { verified: true, disabled: true, groups: ["developers"] },
  approver: { verified: true, disabled: false, groups: ["developers", "approvers"] },
  administrator: { verified: true, disabled: false, groups: ["developers", "admin"] },
} as const satisfies Record<
  keyof FixtureUsers,
  { verified: boolean; disabled: boolean; groups: readonly string[] }
>;

/**
 * Creates one user per role (with a browser session each), two personal access tokens of the verified user (read
 * and write) and a service account, through the repositories the services use.
 */
export async function seedCallers(db: Kysely<Tables>, now: Date): Promise<CallerFixtures> {
  const serviceToken = `svc-bridge-${randomBytes(24).toString("hex")}`;
  const runtime = loadRuntimeConfig(
    {
      PORTAL_SERVICE_ACCOUNTS: `bridge:read-write:${serviceToken}`,
      // A key of its own, so issuing secrets never generates a key file under the working directory.
      PORTAL_ENCRYPTION_KEYS: `matrix:${randomBytes(32).toString("base64")}`,
    },
    process.cwd(),
  );
  const users: Record<string, FixtureUser> = {};
  for (const [role, spec] of Object.entries(userSpecs)) {
    const id = `usr_${role}`;
    const email = `${role}@example.com`;
    await insertUser(
      db,
      {
        id,
        email,
        passwordHash: null,
        displayName: role,
        profile: {},
        emailVerifiedAt: spec.verified ? now.toISOString() : null,
      },
      now,
    );
    await addUserToGroups(db, id, spec.groups, now);
    if (spec.disabled)
      await db.updateTable("users").set({ disabled_at: now.toISOString() }).where("id", "=", id).execute();
    users[role] = { id, email, session: await createSession(db, id, now) };
  }
  const fixtureUsers = users as unknown as FixtureUsers;
  return {
    now,
    staticConfig: await testStaticConfig(),
    runtime,
    users: fixtureUsers,
    tokens: {
      readOnly: await insertToken(db, fixtureUsers.verified.id, "read", now),
      write: await insertToken(db, fixtureUsers.verified.id, "write", now),
    },
    serviceToken,
  };
}

async function createSession(
  db: Kysely<Tables>,
  userId: string,
  now: Date,
): Promise<{ id: string; token: string }> {
  const token = newSecretToken();
  const session = await insertSession(
    db,
    {
      id: `ses_${userId}`,
      userId,
      tokenHash: hashSecretToken(token),
      expiresAt: new Date(now.getTime() + 24 * 3600_000).toISOString(),
      clientAddress: testOrigin.address,
      userAgent: testOrigin.userAgent,
    },
    now,
  );
  return { id: session.id, token };
}

/** Inserts a personal access token of `userId`; returns its id and the token itself. */
export async function insertToken(
  db: Kysely<Tables>,
  userId: string,
  scope: AccessScope,
  now: Date,
  options: { readonly name?: string; readonly expiresAt?: string | null } = {},
): Promise<{ id: string; token: string }> {
  const secret = generateAccessTokenSecret();
  const id = `pat-${scope}-${secret.prefix.slice(4)}`;
  await insertAccessToken(
    db,
    {
      id,
      userId,
      name: options.name ?? `${scope} token`,
      prefix: secret.prefix,
      scope,
      createdAt: now.toISOString(),
      lastUsedAt: null,
      expiresAt: options.expiresAt ?? null,
      revokedAt: null,
    },
    secret.hash,
  );
  return { id, token: secret.token };
}

/**
 * The actor of a caller, obtained the way a request obtains it: users through their session cookie
 * (`resolveSessionActor`, which refuses a disabled user's session), the service account and the read-only token
 * through their bearer token (`resolveBearerActor`).
 * Throws UNAUTHENTICATED where the real credential check would.
 */
export async function actorFor(
  db: Kysely<Tables>,
  fixtures: CallerFixtures,
  kind: CallerKind,
): Promise<Actor> {
  const bearer = (token: string) =>
    resolveBearerActor(
      db,
      { staticConfig: fixtures.staticConfig, serviceAccounts: fixtures.runtime.serviceAccounts },
      token,
      testOrigin,
      fixtures.now,
    );
  switch (kind) {
    case "anonymous":
      return anonymous(testOrigin);
    case "serviceAccount":
      return bearer(fixtures.serviceToken);
    case "readOnlyToken":
      return bearer(fixtures.tokens.readOnly.token);
    case "unverifiedUser":
      return sessionActor(db, fixtures, fixtures.users.unverified);
    case "verifiedUser":
      return sessionActor(db, fixtures, fixtures.users.verified);
    case "anotherUser":
      return sessionActor(db, fixtures, fixtures.users.another);
    case "disabledUser":
      return sessionActor(db, fixtures, fixtures.users.disabled);
    case "approver":
      return sessionActor(db, fixtures, fixtures.users.approver);
    case "administrator":
      return sessionActor(db, fixtures, fixtures.users.administrator);
  }
}

/** As the transport does it: a session cookie that resolves to nobody is UNAUTHENTICATED, never anonymous. */
async function sessionActor(db: Kysely<Tables>, fixtures: CallerFixtures, user: FixtureUser): Promise<Actor> {
  const actor = await resolveSessionActor(
    db,
    fixtures.staticConfig,
    user.session.token,
    testOrigin,
    fixtures.now,
  );
  if (!actor)
    throw DomainError.unauthenticated("The session has ended or its account is disabled; sign in again");
  return actor;
}
