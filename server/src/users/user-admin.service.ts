import { z } from "zod";
import type { Actor } from "../actor/actor.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { unknownGroupIds } from "../groups/group-flags.js";
import {
  addUserToGroups,
  groupIdsOfUser,
  removeUserFromGroups,
} from "../groups/group-membership.repository.js";
import { revokeSessionsOfUser } from "../sessions/session.repository.js";
import type { AccountDependencies } from "./account-dependencies.js";
import { userIdSchema } from "./account-input.js";
import { issueEmailVerification } from "./email-verification.js";
import { assertNotLastAdministrator } from "./last-administrator.js";
import { recordUserChange, userTarget } from "./user-change.js";
import { deleteUserById, findUserById, setDisabledAt } from "./user.repository.js";
import { userPolicy } from "./user.policy.js";
import type { User } from "./user.types.js";

const setGroupsSchema = z.object({
  userId: userIdSchema,
  groupIds: z.array(z.string().max(63, "is not a group id")).max(100, "must list at most 100 groups"),
});
const userRefSchema = z.object({ userId: userIdSchema });

/** What administrators (and the system actor, e.g. the CLI) do with other users' accounts. */
export class UserAdminService {
  constructor(private readonly deps: AccountDependencies) {}

  /**
   * Replaces the user's groups with `groupIds`; every id must be a group of the static configuration. Refused
   * (CONFLICT) when it would take the last enabled administrator out of every admin group.
   */
  async setGroups(actor: Actor, input: unknown): Promise<{ user: User; groupIds: string[] }> {
    userPolicy.administerUsers(actor);
    const { userId, groupIds } = parseInput(setGroupsSchema, input);
    const { db, config } = this.deps;
    const wanted = [...new Set(groupIds)].sort();
    const unknown = unknownGroupIds(config, wanted);
    if (unknown.length > 0) {
      const known = config.groups.map((g) => g.id).join(", ");
      throw DomainError.validation(
        unknown.map((id) => ({
          field: `groupIds.${groupIds.indexOf(id)}`,
          code: "UNKNOWN_GROUP",
          message: `"${id}" is not a group of this portal (groups: ${known})`,
        })),
      );
    }
    const now = this.deps.clock();
    return db.transaction().execute(async (trx) => {
      const user = await this.existingUser(trx, userId);
      const current = await groupIdsOfUser(trx, userId);
      const added = wanted.filter((id) => !current.includes(id));
      const removed = current.filter((id) => !wanted.includes(id));
      if (added.length === 0 && removed.length === 0) return { user, groupIds: current };
      await assertNotLastAdministrator(trx, config, user, wanted);
      await removeUserFromGroups(trx, userId, removed);
      await addUserToGroups(trx, userId, added, now);
      await recordUserChange(
        trx,
        actor,
        now,
        {
          action: "user.groups_changed",
          target: userTarget(userId),
          summary: { groups: wanted, added, removed },
        },
        {
          name: "user.groups_changed",
          payload: { userId, email: user.email, groups: wanted, added, removed },
        },
      );
      return { user, groupIds: wanted };
    });
  }

  /**
   * Disables an account: its sessions end and its sessions and tokens stop authenticating at once (every request
   * reloads the user). Not for one's own account, nor the last enabled administrator. Disabling a disabled
   * account changes nothing.
   */
  async disable(actor: Actor, input: unknown): Promise<User> {
    userPolicy.administerUsers(actor);
    const { userId } = parseInput(userRefSchema, input);
    userPolicy.administerOtherUser(actor, userId);
    const { db, config } = this.deps;
    const now = this.deps.clock();
    return db.transaction().execute(async (trx) => {
      const user = await this.existingUser(trx, userId);
      if (user.disabledAt !== null) return user;
      await assertNotLastAdministrator(trx, config, user);
      await setDisabledAt(trx, userId, now.toISOString(), now);
      const endedSessions = await revokeSessionsOfUser(trx, userId, now);
      await recordUserChange(
        trx,
        actor,
        now,
        {
          action: "user.disabled",
          target: userTarget(userId),
          summary: { email: user.email, endedSessions },
        },
        { name: "user.disabled", payload: { userId, email: user.email } },
      );
      return { ...user, disabledAt: now.toISOString(), updatedAt: now.toISOString() };
    });
  }

  /** Re-enables a disabled account (its personal access tokens work again; sessions ended with the disabling). */
  async enable(actor: Actor, input: unknown): Promise<User> {
    userPolicy.administerUsers(actor);
    const { userId } = parseInput(userRefSchema, input);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const user = await this.existingUser(trx, userId);
      if (user.disabledAt === null) return user;
      await setDisabledAt(trx, userId, null, now);
      await recordUserChange(
        trx,
        actor,
        now,
        { action: "user.enabled", target: userTarget(userId), summary: { email: user.email } },
        { name: "user.enabled", payload: { userId, email: user.email } },
      );
      return { ...user, disabledAt: null, updatedAt: now.toISOString() };
    });
  }

  /**
   * Deletes another user's account with everything that hangs on it (memberships, sessions, tokens, links).
   * Refused with LAST_OWNER while the user is the last owner of an application, and for the last enabled
   * administrator.
   */
  async delete(actor: Actor, input: unknown): Promise<void> {
    userPolicy.administerUsers(actor);
    const { userId } = parseInput(userRefSchema, input);
    userPolicy.administerOtherUser(actor, userId);
    const { db, config, applicationOwnership } = this.deps;
    const user = await this.existingUser(db, userId);
    if (await applicationOwnership.isLastOwnerOfAnyApplication(userId)) {
      throw new DomainError(
        ErrorCode.LAST_OWNER,
        `${user.email} is the last owner of an application; add another owner or delete the application first`,
      );
    }
    const now = this.deps.clock();
    await db.transaction().execute(async (trx) => {
      const current = await this.existingUser(trx, userId);
      await assertNotLastAdministrator(trx, config, current);
      await deleteUserById(trx, userId);
      await recordUserChange(
        trx,
        actor,
        now,
        {
          action: "user.deleted",
          target: userTarget(userId),
          summary: { email: current.email, by: "administrator" },
        },
        { name: "user.deleted", payload: { userId, email: current.email } },
      );
    });
  }

  /** Sends a new verification link to an unverified user (CONFLICT when already verified). */
  async resendVerification(actor: Actor, input: unknown): Promise<User> {
    userPolicy.administerUsers(actor);
    const { userId } = parseInput(userRefSchema, input);
    const { db, config } = this.deps;
    const now = this.deps.clock();
    return db.transaction().execute(async (trx) => {
      const user = await this.existingUser(trx, userId);
      if (user.emailVerifiedAt !== null) {
        throw new DomainError(ErrorCode.CONFLICT, `${user.email} is already verified`);
      }
      await issueEmailVerification(trx, config, actor, user, now);
      return user;
    });
  }

  private async existingUser(db: AccountDependencies["db"], userId: string): Promise<User> {
    const user = await findUserById(db, userId);
    if (!user) throw DomainError.notFound("User", userId);
    return user;
  }
}
