import type { Kysely } from "kysely";
import { describe, expect, it } from "vitest";
import { applicationsOn, newApplication, person } from "./application.fixtures.js";
import type { Actor } from "../actor/actor.js";
import type { DatabaseHandle } from "../database/database.types.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { describeEachBackend } from "../testing/backends.js";
import type { ApplicationServices } from "./application-services.js";
import { canManageSubscriptions, canSeeCredentials } from "./application.policy.js";
import type { ApplicationRole } from "./application.types.js";

/**
 * The exact answer of every application operation for every role (the shared authorization matrix cannot tell
 * NOT_FOUND from success). Each operation runs on its own application per role, seeded with an owner, a
 * collaborator, a reader and a further reader (`target`) whom member operations act on.
 */
const roles = [
  "owner",
  "collaborator",
  "reader",
  "nonMember",
  "approver",
  "approverOfSubscribedApi",
  "administrator",
  "serviceAccount",
  "ownersReadOnlyToken",
] as const;
type Role = (typeof roles)[number];
/** "ok", "null" (a query answered null) or the code of the DomainError. */
type Outcome = string;

interface World {
  readonly db: Kysely<Tables>;
  readonly services: ApplicationServices;
  readonly actors: Record<Role, Actor>;
  readonly ids: Record<"owner" | "collaborator" | "reader" | "target" | "outsider", string>;
}

async function world(db: Kysely<Tables>): Promise<World> {
  const owner = await person(db, "owner");
  const collaborator = await person(db, "collaborator");
  const reader = await person(db, "reader");
  const target = await person(db, "target");
  const outsider = await person(db, "outsider");
  const approver = await person(db, "approver", { isApprover: true });
  const approverOfSubscribedApi = await person(db, "approver2", { isApprover: true });
  const admin = await person(db, "root", { isAdmin: true });
  const services = applicationsOn(db, [
    {
      // Stands in for the subscriptions noun: this approver's group has an API every application subscribes to.
      approverMayRead: (_db, actor, ids) =>
        Promise.resolve(new Set(actor.userId === approverOfSubscribedApi.id ? ids : [])),
    },
  ]);
  return {
    db,
    services,
    actors: {
      owner: owner.actor,
      collaborator: collaborator.actor,
      reader: reader.actor,
      nonMember: outsider.actor,
      approver: approver.actor,
      approverOfSubscribedApi: approverOfSubscribedApi.actor,
      administrator: admin.actor,
      serviceAccount: {
        kind: "service",
        serviceAccountId: "bridge",
        scope: "write",
        origin: owner.actor.origin,
      },
      ownersReadOnlyToken: { ...owner.actor, scope: "read", via: { kind: "token", tokenId: "pat_ro" } },
    },
    ids: {
      owner: owner.id,
      collaborator: collaborator.id,
      reader: reader.id,
      target: target.id,
      outsider: outsider.id,
    },
  };
}

async function seedApplication(w: World, id: string): Promise<void> {
  await w.services.applications.create(w.actors.owner, newApplication(id));
  const members: [string, ApplicationRole][] = [
    ["collaborator@example.com", "collaborator"],
    ["reader@example.com", "reader"],
    ["target@example.com", "reader"],
  ];
  for (const [email, role] of members) {
    await w.services.members.add(w.actors.owner, { applicationId: id, email, role });
  }
}

async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return (await run()) === null ? "null" : "ok";
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
}

type Operation = (w: World, actor: Actor, applicationId: string) => Promise<unknown>;

const operations: Record<string, { run: Operation; expect: Record<Role, Outcome> }> = {
  read: {
    run: (w, actor, id) => w.services.applications.find(actor, id),
    expect: {
      owner: "ok",
      collaborator: "ok",
      reader: "ok",
      nonMember: "null",
      approver: "null",
      approverOfSubscribedApi: "ok",
      administrator: "ok",
      serviceAccount: "ok",
      ownersReadOnlyToken: "ok",
    },
  },
  readMembers: {
    run: async (w, actor, id) => {
      const [members] = await w.services.members.membersOf(actor, [id]);
      if (members instanceof Error) throw members;
      return members;
    },
    expect: {
      owner: "ok",
      collaborator: "ok",
      reader: "ok",
      nonMember: "NOT_FOUND",
      approver: "NOT_FOUND",
      approverOfSubscribedApi: "ok",
      administrator: "ok",
      serviceAccount: "ok",
      ownersReadOnlyToken: "ok",
    },
  },
  ...Object.fromEntries(
    (
      [
        ["update", (w, actor, id) => w.services.applications.update(actor, { id, name: "Renamed" })],
        ["delete", (w, actor, id) => w.services.applications.delete(actor, { id })],
        [
          "addMember",
          (w, actor, id) =>
            w.services.members.add(actor, {
              applicationId: id,
              email: "outsider@example.com",
              role: "reader",
            }),
        ],
        [
          "changeRole",
          (w, actor, id) =>
            w.services.members.changeRole(actor, { applicationId: id, userId: w.ids.target, role: "owner" }),
        ],
        [
          "removeOther",
          (w, actor, id) => w.services.members.remove(actor, { applicationId: id, userId: w.ids.target }),
        ],
      ] satisfies [string, Operation][]
    ).map(([name, run]) => [
      name,
      {
        run,
        expect: {
          owner: "ok",
          collaborator: "FORBIDDEN",
          reader: "FORBIDDEN",
          nonMember: "NOT_FOUND",
          approver: "NOT_FOUND",
          approverOfSubscribedApi: "FORBIDDEN",
          administrator: "ok",
          serviceAccount: "FORBIDDEN",
          ownersReadOnlyToken: "INSUFFICIENT_SCOPE",
        },
      },
    ]),
  ),
  leave: {
    run: (w, actor, id) =>
      w.services.members.remove(actor, {
        applicationId: id,
        userId: actor.kind === "user" ? actor.userId : "usr_none",
      }),
    expect: {
      owner: "LAST_OWNER",
      collaborator: "ok",
      reader: "ok",
      nonMember: "NOT_FOUND",
      approver: "NOT_FOUND",
      approverOfSubscribedApi: "FORBIDDEN",
      administrator: "NOT_FOUND", // may manage members, but is none
      serviceAccount: "FORBIDDEN",
      ownersReadOnlyToken: "INSUFFICIENT_SCOPE",
    },
  },
};

describeEachBackend("application roles × operations", (getHandle: () => DatabaseHandle) => {
  for (const [name, operation] of Object.entries(operations)) {
    it(`${name}: ${roles.map((role) => `${role} ${operation.expect[role]}`).join(", ")}`, async () => {
      const w = await world(getHandle().db);
      const actual: Record<string, Outcome> = {};
      for (const role of roles) {
        const id = `${name.toLowerCase()}-${role.toLowerCase()}`.slice(0, 50);
        await seedApplication(w, id);
        actual[role] = await outcomeOf(() => operation.run(w, w.actors[role], id));
      }
      expect(actual).toEqual(operation.expect);
    });
  }
});

describe("helpers for the subscriptions noun", () => {
  const user = (isAdmin = false): Actor => ({
    kind: "user",
    userId: "u",
    email: "u@example.com",
    emailVerified: true,
    groups: [],
    isAdmin,
    isApprover: false,
    via: { kind: "session", sessionId: "s" },
    scope: "write",
    origin: { address: null, userAgent: null, requestId: null },
  });
  const cases: [string, Actor, ApplicationRole | null, boolean, boolean][] = [
    ["owner", user(), "owner", true, true],
    ["collaborator", user(), "collaborator", true, true],
    ["reader", user(), "reader", false, false],
    ["non-member", user(), null, false, false],
    ["administrator (not a member)", user(true), null, true, false],
    ["administrator who is a reader", user(true), "reader", true, false],
  ];
  it.each(cases)("%s: manage subscriptions %#", (_name, actor, role, manage, credentials) => {
    expect(canManageSubscriptions(actor, role)).toBe(manage);
    expect(canSeeCredentials(actor, role)).toBe(credentials);
  });
});
