import type { KongOperation } from "./kong-diff.js";
import type { KongObject } from "./kong-objects.js";

function identity(object: Pick<KongObject, "kind" | "key">): string {
  return `${object.kind}\u0000${object.key}`;
}

function fingerprint(object: KongObject): string {
  return JSON.stringify([object.fields, object.refs.service ?? null, object.refs.consumer ?? null]);
}

/**
 * Tells drift (changes made in Kong behind the portal's back) from the portal's own changes: it remembers what
 * the adapter last applied. An operation on an object whose desired state did not change since then means Kong
 * changed: someone edited or deleted it. A tagged object the adapter never applied appearing after a full
 * reconcile means someone created it. Until the first full reconcile of a process, nothing counts as drift.
 */
export class DriftTracker {
  private readonly applied = new Map<string, string>();
  private baseline = false;

  /** How many of `operations` repair drift. */
  count(operations: readonly KongOperation[]): number {
    if (!this.baseline) return 0;
    let drift = 0;
    for (const operation of operations) {
      const last = this.applied.get(identity(operation.object));
      if (operation.action === "delete") {
        if (last === undefined) drift++;
      } else if (last !== undefined && last === fingerprint(operation.object)) drift++;
    }
    return drift;
  }

  /** Records the desired objects of a reconciled scope that are now in Kong, and forgets those that went. */
  remember(
    desired: readonly KongObject[],
    failed: ReadonlySet<string>,
    deleted: readonly KongObject[],
    options: { readonly full: boolean },
  ): void {
    if (options.full) this.applied.clear();
    for (const object of deleted) this.applied.delete(identity(object));
    for (const object of desired) {
      if (failed.has(identity(object))) this.applied.delete(identity(object));
      else this.applied.set(identity(object), fingerprint(object));
    }
    if (options.full) this.baseline = true;
  }
}

export { identity as objectIdentity };
