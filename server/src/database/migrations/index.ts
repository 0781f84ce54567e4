import { migration as core } from "./0001-core.js";
import { migration as rateLimits } from "./0002-rate-limits.js";
import { migration as applications } from "./0003-applications.js";
import { migration as subscriptions } from "./0004-subscriptions.js";
import { migration as webhooks } from "./0005-webhooks.js";
import { migration as outboundMessages } from "./0006-outbound-messages.js";
import type { Migration } from "./migration.types.js";

/**
 * Every migration, oldest first. Append only: never reorder, rename, edit or remove a released entry
 * (see docs/storage.md). Listed explicitly so bundling and tests never depend on directory scanning.
 */
export const migrations: readonly Migration[] = [
  core,
  rateLimits,
  applications,
  subscriptions,
  webhooks,
  outboundMessages,
];
