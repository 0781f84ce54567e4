import "reflect-metadata";
import { expect, it } from "vitest";
import { system, type UserActor } from "../actor/actor.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { ErrorCode } from "../errors/error-code.js";
import { pageRequest } from "../graphql/connection.js";
import { describeEachBackend } from "../testing/backends.js";
import {
  accountsOn,
  auditRows,
  codeOf,
  domainErrorOf,
  failingInsertsInto,
  goodPassword,
  latestLinkToken,
  outboxEvents,
  putInGroups,
  sessionActor,
  signedInUser,
  visitor,
  type AccountsUnderTest,
} from "./account.fixtures.js";
import { loadUserActor } from "./user-actor.js";

async function administrator(accounts: AccountsUnderTest, email = "root@example.com"): Promise<UserActor> {
  const admin = await signedInUser(accounts, email);
  await putInGroups(accounts.db, admin.userId, ["admins"]);
  return (await sessionActor(accounts, admin.sessionToken))!;
}

describeEachBackend("UserAdminService and UserService", (getHandle: () => DatabaseHandle) => {
  const setup = () => accountsOn(getHandle().db);

  it("lists users in e-mail order, page by page, with filters", async () => {
    const accounts = setup();
    const admin = await administrator(accounts);
    for (const email of ["carol@example.com", "alice@example.com", "bob@other.example"]) {
      await signedInUser(accounts, email, { verified: email !== "bob@other.example" });
    }
    const list = (filter: object, first = 2, after: string | null = null) =>
      accounts.services.users.list(admin, filter, pageRequest({ first, after }));
    const first = await list({});
    expect(first.totalCount).toBe(4);
    expect(first.items.map((i) => i.node.email)).toEqual(["alice@example.com", "bob@other.example"]);
    expect(first.hasNextPage).toBe(true);
    const second = await list({}, 2, first.items.at(-1)?.cursor ?? null);
    expect(second.items.map((i) => i.node.email)).toEqual(["carol@example.com", "root@example.com"]);
    expect(second.hasNextPage).toBe(false);

    expect((await list({ search: "OTHER.ex" }, 10)).items.map((i) => i.node.email)).toEqual([
      "bob@other.example",
    ]);
    expect((await list({ search: "%" }, 10)).totalCount).toBe(0);
    expect((await list({ group: "admins" }, 10)).items.map((i) => i.node.email)).toEqual([
      "root@example.com",
    ]);
    expect((await list({ group: "developers" }, 10)).totalCount).toBe(3);
    const carol = (await list({ search: "carol" }, 1)).items[0]!.node;
    await accounts.services.admin.disable(admin, { userId: carol.id });
    expect((await list({ disabled: true }, 10)).items.map((i) => i.node.email)).toEqual([
      "carol@example.com",
    ]);
    expect((await list({ disabled: false }, 10)).totalCount).toBe(3);
  });

  it("searches display names case-insensitively", async () => {
    const accounts = setup();
    const admin = await administrator(accounts);
    const ada = await signedInUser(accounts, "x1@example.com");
    await accounts.services.account.updateProfile(ada.actor, { displayName: "Ada Lovelace" });
    const page = await accounts.services.users.list(admin, { search: "lovel" }, pageRequest({}));
    expect(page.items.map((i) => i.node.email)).toEqual(["x1@example.com"]);
  });

  it("keeps user lists and other users away from non-administrators", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    const bob = await signedInUser(accounts, "bob@example.com");
    expect(await codeOf(accounts.services.users.list(ada.actor, {}, pageRequest({})))).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(await codeOf(accounts.services.users.list(visitor(), {}, pageRequest({})))).toBe(
      ErrorCode.UNAUTHENTICATED,
    );
    expect(await codeOf(accounts.services.users.user(ada.actor, bob.userId))).toBe(ErrorCode.FORBIDDEN);
    expect(await accounts.services.users.user(ada.actor, ada.userId)).toMatchObject({ email: ada.email });
    expect(await codeOf(accounts.services.users.groupIdsOfUsers(ada.actor, [ada.userId, bob.userId]))).toBe(
      ErrorCode.FORBIDDEN,
    );
  });

  it("replaces a user's groups with configured ones only, with audit entry and event", async () => {
    const accounts = setup();
    const admin = await administrator(accounts);
    const ada = await signedInUser(accounts, "ada@example.com");
    const result = await accounts.services.admin.setGroups(admin, {
      userId: ada.userId,
      groupIds: ["partners", "approvers", "partners"],
    });
    expect(result.groupIds).toEqual(["approvers", "partners"]);
    expect(await sessionActor(accounts, ada.sessionToken)).toMatchObject({
      groups: ["approvers", "partners"],
      isApprover: true,
    });
    expect((await outboxEvents(accounts.db, "user.groups_changed"))[0]?.payload).toEqual({
      userId: ada.userId,
      email: ada.email,
      groups: ["approvers", "partners"],
      added: ["approvers", "partners"],
      removed: ["developers"],
    });
    expect((await auditRows(accounts.db, "user.groups_changed"))[0]).toMatchObject({
      actor_id: admin.userId,
      target_id: ada.userId,
    });
    const error = await domainErrorOf(
      accounts.services.admin.setGroups(admin, { userId: ada.userId, groupIds: ["partners", "wizards"] }),
    );
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.details.fields?.[0]).toMatchObject({ field: "groupIds.1", code: "UNKNOWN_GROUP" });
    expect(await codeOf(accounts.services.admin.setGroups(admin, { userId: "nobody", groupIds: [] }))).toBe(
      ErrorCode.NOT_FOUND,
    );
  });

  it("never leaves the portal without an enabled administrator", async () => {
    const accounts = setup();
    const admin = await administrator(accounts);
    const root = system("cli");
    expect(
      await codeOf(
        accounts.services.admin.setGroups(root, { userId: admin.userId, groupIds: ["developers"] }),
      ),
    ).toBe(ErrorCode.CONFLICT);
    expect(await codeOf(accounts.services.admin.disable(root, { userId: admin.userId }))).toBe(
      ErrorCode.CONFLICT,
    );
    expect(await codeOf(accounts.services.admin.delete(root, { userId: admin.userId }))).toBe(
      ErrorCode.CONFLICT,
    );
    expect(await codeOf(accounts.services.admin.disable(admin, { userId: admin.userId }))).toBe(
      ErrorCode.FORBIDDEN,
    );
    const second = await administrator(accounts, "second@example.com");
    await accounts.services.admin.setGroups(second, { userId: admin.userId, groupIds: ["developers"] });
  });

  it("disables an account: its sessions and access tokens stop at once; enabling lets it sign in again", async () => {
    const accounts = setup();
    const { services, db, config } = accounts;
    const admin = await administrator(accounts);
    const ada = await signedInUser(accounts, "ada@example.com");
    const disabled = await services.admin.disable(admin, { userId: ada.userId });
    expect(disabled.disabledAt).not.toBeNull();
    expect(await sessionActor(accounts, ada.sessionToken)).toBeNull();
    const tokenActor = () =>
      loadUserActor(db, config, ada.userId, { kind: "token", tokenId: "pat-x" }, "read", ada.actor.origin);
    expect(await tokenActor()).toBeNull();
    expect((await outboxEvents(db, "user.disabled"))[0]?.payload).toEqual({
      userId: ada.userId,
      email: ada.email,
    });
    expect((await auditRows(db, "user.disabled"))[0]?.summary).toEqual({
      email: ada.email,
      endedSessions: 1,
    });
    await expect(services.admin.disable(admin, { userId: ada.userId })).resolves.toMatchObject({
      id: ada.userId,
    });
    expect((await outboxEvents(db, "user.disabled")).length).toBe(1);

    await services.admin.enable(admin, { userId: ada.userId });
    expect(await tokenActor()).not.toBeNull();
    expect(await sessionActor(accounts, ada.sessionToken)).toBeNull(); // ended sessions stay ended
    await expect(
      services.sessions.signIn(visitor(), { email: ada.email, password: goodPassword }),
    ).resolves.toBeDefined();
    expect((await outboxEvents(db, "user.enabled")).length).toBe(1);
  });

  it("deletes a user, but not the last owner of an application", async () => {
    const db = getHandle().db;
    let lastOwner = true;
    const accounts = accountsOn(db, {
      applicationOwnership: { isLastOwnerOfAnyApplication: () => Promise.resolve(lastOwner) },
    });
    const admin = await administrator(accounts);
    const ada = await signedInUser(accounts, "ada@example.com");
    expect(await codeOf(accounts.services.admin.delete(admin, { userId: ada.userId }))).toBe(
      ErrorCode.LAST_OWNER,
    );
    lastOwner = false;
    await accounts.services.admin.delete(admin, { userId: ada.userId });
    expect(await accounts.services.users.user(admin, ada.userId)).toBeNull();
    expect((await auditRows(db, "user.deleted"))[0]).toMatchObject({
      actor_id: admin.userId,
      target_id: ada.userId,
    });
    expect(await codeOf(accounts.services.admin.delete(admin, { userId: ada.userId }))).toBe(
      ErrorCode.NOT_FOUND,
    );
  });

  it("resends verification to unverified users only", async () => {
    const accounts = setup();
    const admin = await administrator(accounts);
    const ada = await signedInUser(accounts, "ada@example.com", { verified: false });
    const before = await latestLinkToken(accounts.db, "user.verification_requested", ada.email);
    await accounts.services.admin.resendVerification(admin, { userId: ada.userId });
    const after = await latestLinkToken(accounts.db, "user.verification_requested", ada.email);
    expect(after).not.toBe(before);
    expect((await outboxEvents(accounts.db, "user.verification_requested")).at(-1)?.actor).toEqual({
      kind: "user",
      id: admin.userId,
    });
    await accounts.services.registration.verifyEmail(visitor(), { token: after });
    expect(await codeOf(accounts.services.admin.resendVerification(admin, { userId: ada.userId }))).toBe(
      ErrorCode.CONFLICT,
    );
  });

  it("refuses administration to non-administrators, unverified administrators and read-only tokens", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    const admin = await administrator(accounts);
    const input = { userId: ada.userId };
    expect(await codeOf(accounts.services.admin.disable(ada.actor, input))).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(accounts.services.admin.disable(visitor(), input))).toBe(ErrorCode.UNAUTHENTICATED);
    expect(await codeOf(accounts.services.admin.disable({ ...admin, scope: "read" }, input))).toBe(
      ErrorCode.INSUFFICIENT_SCOPE,
    );
    expect(await codeOf(accounts.services.admin.disable({ ...admin, emailVerified: false }, input))).toBe(
      ErrorCode.EMAIL_NOT_VERIFIED,
    );
    const service = {
      kind: "service",
      serviceAccountId: "bridge",
      scope: "write",
      origin: admin.origin,
    } as const;
    expect(await codeOf(accounts.services.admin.disable(service, input))).toBe(ErrorCode.FORBIDDEN);
  });

  it("leaves the user enabled when disabling fails half-way", async () => {
    const accounts = setup();
    const admin = await administrator(accounts);
    const ada = await signedInUser(accounts, "ada@example.com");
    const broken = accountsOn(accounts.db.withPlugin(failingInsertsInto("outbox_events")));
    await expect(broken.services.admin.disable(admin, { userId: ada.userId })).rejects.toThrow();
    expect(await sessionActor(accounts, ada.sessionToken)).not.toBeNull();
    expect(await auditRows(accounts.db, "user.disabled")).toEqual([]);
  });
});
