import { forEachLimited } from "./bounded-concurrency.js";
import { KongAdminError, segment, type KongAdminClient } from "./kong-admin-client.js";
import { collections } from "./kong-collections.js";
import { changedFields } from "./kong-compare.js";
import type { KongOperation } from "./kong-diff.js";
import type { KongNaming } from "./kong-naming.js";
import { describeObject, type ActualKongObject, type KongKind, type KongObject } from "./kong-objects.js";

/** An operation that did not go through; `retryable` failures are Kong's or the network's, not our request's. */
export interface FailedOperation {
  readonly operation: KongOperation;
  readonly message: string;
  readonly retryable: boolean;
  /** Not attempted because its parent failed. */
  readonly skipped?: boolean;
}

export interface ApplyResult {
  readonly applied: readonly KongOperation[];
  readonly failed: readonly FailedOperation[];
}

/** Ids of objects by kind and key: known from Kong's state, learnt from creates, or looked up by name. */
export class KongIds {
  private readonly ids = new Map<string, string>();

  constructor(objects: readonly ActualKongObject[] = []) {
    for (const object of objects) this.set(object.kind, object.key, object.id);
  }

  set(kind: KongKind, key: string, id: string): void {
    this.ids.set(`${kind}\u0000${key}`, id);
  }

  get(kind: KongKind, key: string): string | undefined {
    return this.ids.get(`${kind}\u0000${key}`);
  }

  /** Keys and ids of one kind. */
  entries(kind: KongKind): [string, string][] {
    const prefix = `${kind}\u0000`;
    return [...this.ids]
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, id]) => [key.slice(prefix.length), id]);
  }
}

/** Kong refused a reference to a parent that is gone (deleted behind our back): the next reconcile recreates it. */
function parentVanished(error: KongAdminError): boolean {
  const body = error.body as { code?: unknown } | null;
  return error.status === 400 && body?.code === 4;
}

class OwnershipConflict extends Error {}

/**
 * Applies the diff's operations in its order, phase by phase (see `phase`): the operations of a phase go with at
 * most `concurrency` calls in flight, and the next phase starts when it is done (parents before children). An
 * operation whose parent failed in this run is not attempted. Creates POST (Kong answers 409 instead of
 * overwriting an object somebody else owns); a 409 on an object under our tags (a lost answer of an earlier
 * attempt) is taken over and updated. Updates PUT by id with every field we own (OAuth2 credentials are
 * PATCHed, so live tokens survive); deletes are by id and idempotent.
 */
export async function applyOperations(
  client: KongAdminClient,
  naming: KongNaming,
  operations: readonly KongOperation[],
  options: { readonly concurrency: number; readonly ids: KongIds },
): Promise<ApplyResult> {
  const applied: KongOperation[] = [];
  const failed: FailedOperation[] = [];
  const failedKeys = new Set<string>();
  const runs: KongOperation[][] = [];
  for (const operation of operations) {
    const last = runs.at(-1)?.[0];
    if (last && phase(last) === phase(operation)) runs.at(-1)!.push(operation);
    else runs.push([operation]);
  }
  const applier = new OperationApplier(client, naming, options.ids);
  for (const run of runs) {
    await forEachLimited(run, options.concurrency, async (operation) => {
      const { refs } = operation.object;
      const parentFailed = [
        refs.service && `service\u0000${refs.service}`,
        refs.consumer && `consumer\u0000${refs.consumer}`,
      ]
        .filter((key): key is string => typeof key === "string")
        .some((key) => failedKeys.has(key));
      if (parentFailed && operation.action !== "delete") {
        const message = `${describeObject(operation.object)}: not attempted, its parent failed`;
        failed.push({ operation, message, retryable: false, skipped: true });
        failedKeys.add(`${operation.object.kind}\u0000${operation.object.key}`);
        return;
      }
      try {
        await applier.apply(operation);
        applied.push(operation);
      } catch (error) {
        const retryable = error instanceof KongAdminError && (error.retryable || parentVanished(error));
        const reason = error instanceof KongAdminError ? error.kongMessage : (error as Error).message;
        failed.push({ operation, message: `${describeObject(operation.object)}: ${reason}`, retryable });
        failedKeys.add(`${operation.object.kind}\u0000${operation.object.key}`);
      }
    });
  }
  // A retryable failure of a parent makes its skipped children retryable too.
  const retryableParents = new Set(
    failed.filter((f) => f.retryable).map((f) => `${f.operation.object.kind}\u0000${f.operation.object.key}`),
  );
  return {
    applied,
    failed: failed.map((f) => {
      const { refs } = f.operation.object;
      const inherited =
        f.skipped === true &&
        ((refs.service && retryableParents.has(`service\u0000${refs.service}`)) ||
          (refs.consumer && retryableParents.has(`consumer\u0000${refs.consumer}`)));
      return inherited ? { ...f, retryable: true } : f;
    }),
  };
}

/**
 * Operations of one phase do not depend on each other: creates and updates of services; then of routes and
 * consumers; then of plugins, credentials and ACLs (their parents are done). Deletes in the reverse order.
 */
function phase(operation: KongOperation): string {
  const tier: Record<KongKind, number> = {
    service: 0,
    route: 1,
    consumer: 1,
    plugin: 2,
    keyauth: 2,
    oauth2: 2,
    acl: 2,
  };
  const level = tier[operation.object.kind];
  return operation.action === "delete" ? `delete:${2 - level}` : `upsert:${level}`;
}

class OperationApplier {
  constructor(
    private readonly client: KongAdminClient,
    private readonly naming: KongNaming,
    private readonly ids: KongIds,
  ) {}

  async apply(operation: KongOperation): Promise<void> {
    switch (operation.action) {
      case "delete":
        await this.client.call(
          "DELETE",
          `${collections[operation.object.kind].path}/${segment(operation.object.id)}`,
        );
        return;
      case "update":
        await this.update(operation.object, operation.actual.id, operation.changed);
        return;
      case "create":
        await this.create(operation.object);
    }
  }

  private async create(object: KongObject): Promise<void> {
    const { kind } = object;
    const collection = collections[kind];
    const body = { ...object.fields, ...(await this.parentRefs(object)) };
    const path = collection.nested
      ? `/consumers/${segment(await this.parentId("consumer", object.refs.consumer))}/${collection.nested}`
      : collection.path;
    if (collection.nested) delete (body as Record<string, unknown>).consumer;
    try {
      const created = (await this.client.call("POST", path, body)).body as { id: string };
      this.ids.set(kind, object.key, created.id);
    } catch (error) {
      if (!(error instanceof KongAdminError) || error.status !== 409) throw error;
      const existing = await this.findByKey(object);
      if (!existing || !this.naming.owns(existing.tags as string[] | null)) {
        throw new OwnershipConflict(
          `${error.kongMessage}: that object is not managed by this portal installation (its tags: ${JSON.stringify(existing?.tags ?? null)}); rename or remove it in Kong`,
        );
      }
      const id = String(existing.id);
      this.ids.set(kind, object.key, id);
      await this.update(object, id, changedFields(object.fields, existing));
    }
  }

  private async update(object: KongObject, id: string, changed: readonly string[]): Promise<void> {
    const { kind } = object;
    const path = `${collections[kind].path}/${segment(id)}`;
    if (kind === "oauth2") {
      // PATCH in place: the credential keeps its id, so tokens issued to it stay valid.
      const patch: Record<string, unknown> = {};
      for (const field of changed) if (field in object.fields) patch[field] = object.fields[field];
      if ("client_secret" in patch || "hash_secret" in patch) {
        patch.client_secret = object.fields.client_secret;
        patch.hash_secret = object.fields.hash_secret;
      }
      if (changed.includes("consumer"))
        patch.consumer = { id: await this.parentId("consumer", object.refs.consumer) };
      await this.client.call("PATCH", path, patch);
    } else {
      const body = { ...object.fields, ...(await this.parentRefs(object)) };
      await this.client.call("PUT", path, body);
    }
    this.ids.set(kind, object.key, id);
  }

  /** The parent fields of a body: `{ service: { id } }`, `{ consumer: { id } }` or null for none. */
  private async parentRefs(object: KongObject): Promise<Record<string, unknown>> {
    const refs: Record<string, unknown> = {};
    for (const field of ["service", "consumer"] as const) {
      if (!(field in object.refs)) continue;
      const key = object.refs[field];
      refs[field] = key ? { id: await this.parentId(field, key) } : null;
    }
    return refs;
  }

  private async parentId(kind: "service" | "consumer", key: string | null | undefined): Promise<string> {
    if (!key) throw new Error(`${kind} missing`);
    const known = this.ids.get(kind, key);
    if (known) return known;
    const found = await this.client.find(`${collections[kind].path}/${segment(key)}`);
    if (!found || !this.naming.owns(found.tags as string[] | null)) {
      throw new KongAdminError(
        "GET",
        `${collections[kind].path}/${key}`,
        404,
        `${kind} ${key} is not in Kong yet`,
        true,
      );
    }
    this.ids.set(kind, key, String(found.id));
    return String(found.id);
  }

  private async findByKey(object: KongObject): Promise<Record<string, unknown> | null> {
    if (object.kind === "acl") {
      const consumer = await this.parentId("consumer", object.refs.consumer);
      return this.client.find(`/consumers/${segment(consumer)}/acls/${segment(String(object.fields.group))}`);
    }
    return this.client.find(`${collections[object.kind].path}/${segment(object.key)}`);
  }
}
