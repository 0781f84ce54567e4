import type { Actor } from "../actor/actor.js";
import type { Group, StaticConfig } from "../static-config/static-config.js";
import { configuredGroupsOf } from "./group-flags.js";
import { groupPolicy } from "./group.policy.js";

/** The groups of the static configuration. Memberships are changed through `UserAdminService.setGroups`. */
export class GroupService {
  constructor(private readonly deps: { readonly config: StaticConfig }) {}

  /** Every configured group, in configuration order (administrators). */
  list(actor: Actor): readonly Group[] {
    groupPolicy.list(actor);
    return this.deps.config.groups;
  }

  /**
   * The configured groups among `groupIds` (ids no longer configured are dropped). No policy of its own: the
   * caller got the ids from a user it was allowed to see.
   */
  groupsOf(groupIds: readonly string[]): readonly Group[] {
    return configuredGroupsOf(this.deps.config, groupIds);
  }
}
