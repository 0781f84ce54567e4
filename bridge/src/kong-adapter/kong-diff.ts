import { changedFields } from "./kong-compare.js";
import {
  deleteOrder,
  describeObject,
  upsertOrder,
  type ActualKongObject,
  type KongKind,
  type KongObject,
} from "./kong-objects.js";

export type KongOperation =
  | { readonly action: "create"; readonly object: KongObject }
  | {
      readonly action: "update";
      readonly object: KongObject;
      readonly actual: ActualKongObject;
      /** Top-level fields that differ, or `service`/`consumer` when the parent changed. */
      readonly changed: readonly string[];
    }
  | { readonly action: "delete"; readonly object: ActualKongObject };

function identity(object: Pick<KongObject, "kind" | "key">): string {
  return `${object.kind}\u0000${object.key}`;
}

function refsChanged(wanted: KongObject, actual: KongObject): string[] {
  const changed: string[] = [];
  if ((wanted.refs.service ?? null) !== (actual.refs.service ?? null)) changed.push("service");
  if ((wanted.refs.consumer ?? null) !== (actual.refs.consumer ?? null)) changed.push("consumer");
  return changed;
}

/**
 * The minimal, ordered list of operations that turns `actual` (Kong's objects under our tags, within the scope
 * being reconciled) into `desired`. Pure: no I/O, same input, same output.
 *
 * - Objects are matched by kind and key; equal ones (see `contains`) produce nothing.
 * - Creates and updates come first, parents before children (services, routes, consumers, plugins,
 *   credentials), so a new key is live before an old one goes.
 * - Deletes follow, children before parents (plugins and credentials, routes, consumers, services). Children
 *   whose consumer is deleted too are left out: Kong deletes them with it (cascade). Routes are deleted
 *   explicitly, because Kong refuses to delete a service that still has routes.
 * - An object whose parent changed is updated in place (PUT keeps its id, so OAuth2 tokens survive).
 */
export function diffKongState(
  desired: readonly KongObject[],
  actual: readonly ActualKongObject[],
): KongOperation[] {
  const actualByIdentity = new Map(actual.map((object) => [identity(object), object]));
  const desiredIdentities = new Set(desired.map(identity));
  const upserts = new Map<KongKind, KongOperation[]>();
  for (const wanted of desired) {
    const existing = actualByIdentity.get(identity(wanted));
    let operation: KongOperation | null;
    if (!existing) operation = { action: "create", object: wanted };
    else {
      const changed = [...changedFields(wanted.fields, existing.fields), ...refsChanged(wanted, existing)];
      operation = changed.length > 0 ? { action: "update", object: wanted, actual: existing, changed } : null;
    }
    if (operation) upserts.set(wanted.kind, [...(upserts.get(wanted.kind) ?? []), operation]);
  }

  const gone = actual.filter((object) => !desiredIdentities.has(identity(object)));
  const goneConsumers = new Set(gone.filter((o) => o.kind === "consumer").map((o) => o.key));
  const goneServices = new Set(gone.filter((o) => o.kind === "service").map((o) => o.key));
  const deletes = new Map<KongKind, KongOperation[]>();
  for (const object of gone) {
    const consumer = object.refs.consumer ?? null;
    const service = object.refs.service ?? null;
    const cascaded =
      object.kind !== "route" &&
      object.kind !== "consumer" &&
      ((consumer !== null && goneConsumers.has(consumer)) ||
        (object.kind === "plugin" && service !== null && goneServices.has(service)));
    if (cascaded) continue;
    deletes.set(object.kind, [...(deletes.get(object.kind) ?? []), { action: "delete", object }]);
  }
  const byKey = (a: KongOperation, b: KongOperation) =>
    a.object.key < b.object.key ? -1 : a.object.key > b.object.key ? 1 : 0;
  return [
    ...upsertOrder.flatMap((kind) => (upserts.get(kind) ?? []).sort(byKey)),
    ...deleteOrder.flatMap((kind) => (deletes.get(kind) ?? []).sort(byKey)),
  ];
}

/** Counts by action, for statistics and the plan's summary. */
export function summarize(operations: readonly KongOperation[]): Record<KongOperation["action"], number> {
  const summary = { create: 0, update: 0, delete: 0 };
  for (const operation of operations) summary[operation.action]++;
  return summary;
}

/** One line per operation, for `plan` mode and logs: `+ consumer x`, `~ plugin y (config)`, `- route z`. */
export function formatOperation(operation: KongOperation): string {
  const name = describeObject(operation.object);
  switch (operation.action) {
    case "create":
      return `+ ${name}`;
    case "update":
      return `~ ${name} (${operation.changed.join(", ")})`;
    case "delete":
      return `- ${name}`;
  }
}
