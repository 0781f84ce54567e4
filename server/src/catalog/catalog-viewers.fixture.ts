import type { Kysely } from "kysely";
import { anonymous, noOrigin, type Actor, type UserActor } from "../actor/actor.js";
import { insertToken } from "../authorization/caller-fixtures.js";
import type { Tables } from "../database/tables.js";
import { addUserToGroups } from "../groups/group-membership.repository.js";
import { insertUser } from "../users/user.repository.js";

/**
 * The kinds of catalog viewers the visibility tests check against the sample configuration (`deploy/config`):
 * its groups `developers` (every verified user), `partners` (the partner API `logistics` and the page
 * `partners/onboarding`), `internal` (the deprecated API `inventory-v1` and the plan `internal`) and `admin`.
 */
export const viewerKinds = [
  "anonymous",
  "unverified",
  "developer",
  "partner",
  "internal",
  "admin",
  "service",
] as const;

export type ViewerKind = (typeof viewerKinds)[number];

/** The users among the viewers: their groups and whether their e-mail address is verified. */
const userViewers = {
  unverified: { groups: [], verified: false },
  developer: { groups: ["developers"], verified: true },
  partner: { groups: ["developers", "partners"], verified: true },
  internal: { groups: ["developers", "internal"], verified: true },
  admin: { groups: ["developers", "admin"], verified: true },
} as const satisfies Partial<Record<ViewerKind, { groups: readonly string[]; verified: boolean }>>;

type UserViewerKind = keyof typeof userViewers;

/** The actor of a viewer kind, as the transport would resolve it (for service-level tests). */
export function viewerActor(kind: ViewerKind): Actor {
  if (kind === "anonymous") return anonymous();
  if (kind === "service")
    return { kind: "service", serviceAccountId: "bridge", scope: "write", origin: noOrigin };
  const spec = userViewers[kind];
  const user: UserActor = {
    kind: "user",
    userId: `usr_${kind}`,
    email: `${kind}@example.com`,
    emailVerified: spec.verified,
    groups: spec.groups,
    isAdmin: kind === "admin",
    isApprover: false,
    via: { kind: "session", sessionId: `ses_${kind}` },
    scope: "write",
    origin: noOrigin,
  };
  return user;
}

/**
 * Creates one user per user viewer kind in a portal's database, each with a personal access token (read scope),
 * for GraphQL-over-HTTP tests: `client({ bearer: tokens.partner })`.
 */
export async function insertViewerUsers(
  db: Kysely<Tables>,
  now: Date,
): Promise<Readonly<Record<UserViewerKind, string>>> {
  const tokens: Partial<Record<UserViewerKind, string>> = {};
  for (const [kind, spec] of Object.entries(userViewers) as [
    UserViewerKind,
    (typeof userViewers)[UserViewerKind],
  ][]) {
    const id = `usr_catalog_${kind}`;
    await insertUser(
      db,
      {
        id,
        email: `catalog-${kind}@example.com`,
        passwordHash: null,
        displayName: kind,
        profile: {},
        emailVerifiedAt: spec.verified ? now.toISOString() : null,
      },
      now,
    );
    await addUserToGroups(db, id, spec.groups, now);
    tokens[kind] = (await insertToken(db, id, "read", now)).token;
  }
  return tokens as Record<UserViewerKind, string>;
}
