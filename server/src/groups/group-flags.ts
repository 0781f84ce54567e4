import type { Group, StaticConfig } from "../static-config/static-config.js";

/** What a set of group memberships grants: administration and/or approval of subscriptions. */
export interface GroupFlags {
  readonly isAdmin: boolean;
  readonly isApprover: boolean;
}

/**
 * The groups of the static configuration a user belongs to, in configuration order. Memberships of groups that
 * were removed from the configuration are kept in the database but ignored here, so they grant nothing.
 */
export function configuredGroupsOf(config: StaticConfig, groupIds: readonly string[]): readonly Group[] {
  const member = new Set(groupIds);
  return config.groups.filter((group) => member.has(group.id));
}

export function groupFlags(config: StaticConfig, groupIds: readonly string[]): GroupFlags {
  const groups = configuredGroupsOf(config, groupIds);
  return { isAdmin: groups.some((g) => g.admin), isApprover: groups.some((g) => g.approver) };
}

/** Ids of the groups whose members are administrators. */
export function adminGroupIds(config: StaticConfig): readonly string[] {
  return config.groups.filter((group) => group.admin).map((group) => group.id);
}

/** The given ids that are not groups of the static configuration. */
export function unknownGroupIds(config: StaticConfig, groupIds: readonly string[]): readonly string[] {
  const known = new Set(config.groups.map((group) => group.id));
  return groupIds.filter((id) => !known.has(id));
}
