import type { Kysely } from "kysely";
import { createHash, randomBytes } from "node:crypto";
import { generateAccessTokenSecret } from "../access-tokens/access-token.secret.js";
import { insertAccessToken } from "../access-tokens/access-token.repository.js";
import { resolveBearerActor } from "../access-tokens/bearer-authentication.js";
import { anonymous, type AccessScope, type Actor, type CallOrigin } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { addUserToGroups } from "../groups/group-membership.repository.js";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import { loadRuntimeConfig } from "../runtime-config/runtime-config.js";
import { loadStaticConfig, type StaticConfig } from "../static-config/static-config.js";
import { sampleConfigDir } from "../static-config/sample-config.fixture.js";
import { loadUserActor } from "../users/user-actor.js";
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
    { PORTAL_SERVICE_ACCOUNTS: `bridge:read-write:${serviceToken}` },
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
    users[role] = { id, email, session: await insertSession(db, id, now) };
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

async function insertSession(
  db: Kysely<Tables>,
  userId: string,
  now: Date,
): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const id = `ses_${userId}`;
  await db
    .insertInto("sessions")
    .values({
      id,
      user_id: userId,
      token_hash: createHash("sha256").update(token).digest("hex"),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 24 * 3600_000).toISOString(),
      revoked_at: null,
      client_address: testOrigin.address,
      user_agent: testOrigin.userAgent,
    })
    .execute();
  return { id, token };
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
 * The actor of a caller, obtained the way a request obtains it: users through their session (loaded fresh, so a
 * disabled user's session is refused), the service account and the read-only token through the bearer token.
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

async function sessionActor(db: Kysely<Tables>, fixtures: CallerFixtures, user: FixtureUser): Promise<Actor> {
  const actor = await loadUserActor(
    db,
    fixtures.staticConfig,
    user.id,
    { kind: "session", sessionId: user.session.id },
    "write",
    testOrigin,
  );
  if (!actor) throw DomainError.unauthenticated("The session's account is disabled or was deleted");
  return actor;
}
