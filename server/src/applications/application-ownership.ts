import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import type { ApplicationOwnership } from "../users/application-ownership.js";
import { isLastOwnerOfAnyApplication } from "./application-member.repository.js";

/**
 * The account services' view of application ownership: deleting a user who is the last owner of an application
 * would leave it without anyone who may change it, so the account services refuse it with LAST_OWNER.
 */
export function databaseApplicationOwnership(db: Kysely<Tables>): ApplicationOwnership {
  return { isLastOwnerOfAnyApplication: (userId) => isLastOwnerOfAnyApplication(db, userId) };
}
