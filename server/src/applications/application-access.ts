import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import type { ApplicationHooks } from "./application.hooks.js";
import { applicationNotFound, canRead, type ApplicationAccess } from "./application.policy.js";
import { findApplicationWithRole } from "./application.repository.js";

/** Asks every hook that answers it whether the approver may read these applications; the union of the answers. */
export async function approverReadableIds(
  db: Kysely<Tables>,
  hooks: readonly ApplicationHooks[],
  actor: Actor,
  applicationIds: readonly string[],
): Promise<ReadonlySet<string>> {
  const readable = new Set<string>();
  if (actor.kind !== "user" || !actor.isApprover || applicationIds.length === 0) return readable;
  for (const hook of hooks) {
    if (!hook.approverMayRead) continue;
    for (const id of await hook.approverMayRead(db, actor, applicationIds)) readable.add(id);
  }
  return readable;
}

/**
 * What `actor` is to the application `id` (role, readable), or undefined when it does not exist. One statement,
 * plus the approver hooks for approvers who are not members. For the subscriptions noun too: load the access,
 * then ask `applicationPolicy` (e.g. `manageSubscriptions`, `seeCredentials`).
 */
export async function loadApplicationAccess(
  db: Kysely<Tables>,
  hooks: readonly ApplicationHooks[],
  actor: Actor,
  id: string,
): Promise<ApplicationAccess | undefined> {
  const found = await findApplicationWithRole(db, id, actor.kind === "user" ? actor.userId : null);
  if (!found) return undefined;
  const readable = await canRead(actor, found.role, async () =>
    (await approverReadableIds(db, hooks, actor, [id])).has(id),
  );
  return { ...found, readable };
}

/** Like {@link loadApplicationAccess}, but NOT_FOUND for an application that does not exist. */
export async function requireApplicationAccess(
  db: Kysely<Tables>,
  hooks: readonly ApplicationHooks[],
  actor: Actor,
  id: string,
): Promise<ApplicationAccess> {
  const access = await loadApplicationAccess(db, hooks, actor, id);
  if (!access) throw applicationNotFound(id);
  return access;
}
