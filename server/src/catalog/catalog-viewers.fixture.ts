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

/** What a viewer sees of one API, in the words of {@link expectedCatalog}: details, plans, subscribability. */
export function describeView(view: {
  readonly detailsVisible: boolean;
  readonly subscribable: boolean;
  readonly plans: readonly { readonly id: string }[];
}): string {
  if (!view.detailsVisible) return "listed";
  return `details [${view.plans.map((plan) => plan.id).join(" ")}]${view.subscribable ? " subscribable" : ""}`;
}

/**
 * The visibility matrix of the sample configuration. APIs in catalog order (by name): inventory-v1 ("Inventory
 * API v1", internal group, deprecated), logistics (partner API of the partners group), orders, payments, catalog
 * ("Product Catalog API", auth none, no plans).
 */
export const expectedCatalog: Readonly<Record<ViewerKind, Readonly<Record<string, string>>>> = {
  anonymous: {
    logistics: "listed",
    orders: "details [free basic premium]",
    payments: "details [basic premium]",
    catalog: "details []",
  },
  unverified: {
    logistics: "listed",
    orders: "details [free basic premium]",
    payments: "details [basic premium]",
    catalog: "details []",
  },
  developer: {
    logistics: "listed",
    orders: "details [free basic premium] subscribable",
    payments: "details [basic premium] subscribable",
    catalog: "details []",
  },
  partner: {
    logistics: "details [premium] subscribable",
    orders: "details [free basic premium] subscribable",
    payments: "details [basic premium] subscribable",
    catalog: "details []",
  },
  internal: {
    "inventory-v1": "details [internal]",
    logistics: "listed",
    orders: "details [free basic premium internal] subscribable",
    payments: "details [basic premium] subscribable",
    catalog: "details []",
  },
  admin: {
    "inventory-v1": "details [internal]",
    logistics: "details [premium] subscribable",
    orders: "details [free basic premium internal] subscribable",
    payments: "details [basic premium] subscribable",
    catalog: "details []",
  },
  service: {
    logistics: "listed",
    orders: "details [free basic premium]",
    payments: "details [basic premium]",
    catalog: "details []",
  },
};

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
