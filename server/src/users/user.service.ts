import { z } from "zod";
import type { Actor } from "../actor/actor.js";
import { DomainError } from "../errors/domain-error.js";
import { parseInput } from "../errors/input-validation.js";
import { toPage, type Page, type PageRequest } from "../graphql/connection.js";
import { groupIdsOfUsers } from "../groups/group-membership.repository.js";
import type { AccountDependencies } from "./account-dependencies.js";
import { userIdSchema } from "./account-input.js";
import { findUserById, listUsers } from "./user.repository.js";
import { userPolicy } from "./user.policy.js";
import type { ProfileFieldValue, User, UserListFilter } from "./user.types.js";

const filterSchema = z.object({
  search: z.string().trim().max(200, "must be at most 200 characters").nullish(),
  group: z.string().max(63, "is not a group id").nullish(),
  disabled: z.boolean().nullish(),
});

/** Reading users: one user, the administrators' list, and the groups of many users at once (for batching). */
export class UserService {
  constructor(private readonly deps: Pick<AccountDependencies, "db" | "config">) {}

  /** A user by id for the user themself or an administrator; null when there is none. */
  async user(actor: Actor, id: string): Promise<User | null> {
    const userId = parseInput(userIdSchema, id);
    userPolicy.viewUser(actor, userId);
    return (await findUserById(this.deps.db, userId)) ?? null;
  }

  /** Administrators list and search users, in e-mail order. */
  async list(actor: Actor, filter: UserListFilter, page: PageRequest): Promise<Page<User>> {
    userPolicy.viewUsers(actor);
    const parsed = parseInput(filterSchema, filter);
    if (page.after !== null && (page.after.length !== 1 || typeof page.after[0] !== "string")) {
      throw DomainError.validation([
        { field: "after", code: "INVALID_CURSOR", message: "is not a cursor of this list" },
      ]);
    }
    const { rows, totalCount } = await listUsers(this.deps.db, parsed, page);
    return toPage(rows, page, totalCount, (user) => [user.email]);
  }

  /**
   * The group ids of many users in one statement, in the order of `userIds`, for the GraphQL DataLoader. Each
   * user must be visible to the caller (themself, or any user for administrators).
   */
  async groupIdsOfUsers(actor: Actor, userIds: readonly string[]): Promise<string[][]> {
    for (const userId of new Set(userIds)) userPolicy.viewUser(actor, userId);
    const groups = await groupIdsOfUsers(this.deps.db, userIds);
    return userIds.map((id) => groups.get(id) ?? []);
  }

  /**
   * Every profile field of the static configuration with the user's value, for showing a user the caller was
   * already allowed to see (a projection, no data access of its own).
   */
  profileOf(values: Readonly<Record<string, string>>): ProfileFieldValue[] {
    return this.deps.config.portal.profileFields.map((definition) => ({
      field: definition.id,
      label: definition.label,
      required: definition.required,
      maxLength: definition.maxLength,
      value: values[definition.id] ?? null,
    }));
  }
}
