import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { adminGroupIds } from "../groups/group-flags.js";
import { groupIdsOfUser } from "../groups/group-membership.repository.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { countEnabledMembersOfAny } from "./user.repository.js";
import type { User } from "./user.types.js";

/**
 * Refuses (CONFLICT) a change that would leave the portal without an enabled administrator: disabling or deleting
 * the last one, or taking the last one out of every admin group (`remainingGroups`).
 */
export async function assertNotLastAdministrator(
  db: Kysely<Tables>,
  config: StaticConfig,
  user: User,
  remainingGroups: readonly string[] | null = null,
): Promise<void> {
  if (user.disabledAt !== null) return;
  const adminGroups = adminGroupIds(config);
  const isAdminNow = (await groupIdsOfUser(db, user.id)).some((id) => adminGroups.includes(id));
  if (!isAdminNow) return;
  if (remainingGroups?.some((id) => adminGroups.includes(id))) return;
  if ((await countEnabledMembersOfAny(db, adminGroups, user.id)) > 0) return;
  throw new DomainError(
    ErrorCode.CONFLICT,
    `${user.email} is the last enabled administrator; make someone else an administrator first`,
  );
}
