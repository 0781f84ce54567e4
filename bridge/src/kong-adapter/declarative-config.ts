import { parse as parseYaml } from "yaml";
import { KongAdminError, type KongAdminClient } from "./kong-admin-client.js";
import { diffKongState, type KongOperation } from "./kong-diff.js";
import type { KongNaming } from "./kong-naming.js";
import type { KongKind, KongObject } from "./kong-objects.js";
import { normalize } from "./kong-state-reader.js";

/** Declarative top-level key of each kind (Kong's DAO names). */
const sections: Readonly<Record<KongKind, string>> = {
  service: "services",
  route: "routes",
  consumer: "consumers",
  plugin: "plugins",
  keyauth: "keyauth_credentials",
  oauth2: "oauth2_credentials",
  acl: "acls",
};

type Row = Record<string, unknown>;

/** At the top level of a declarative configuration a parent is a string: its id, name or username. */
function flattenRefs(row: Row): Row {
  const flat: Row = { ...row };
  for (const field of ["service", "route", "consumer"]) {
    const ref = flat[field] as { id?: unknown } | null | undefined;
    if (ref && typeof ref === "object") flat[field] = String(ref.id);
  }
  return flat;
}

/** Our objects as declarative entities: fields plus parents by name. */
export function renderOwned(desired: readonly KongObject[]): Record<string, Row[]> {
  const config: Record<string, Row[]> = {};
  for (const object of desired) {
    const row: Row = { ...object.fields };
    if ("service" in object.refs) row.service = object.refs.service ?? null;
    if ("consumer" in object.refs) row.consumer = object.refs.consumer ?? null;
    (config[sections[object.kind]] ??= []).push(row);
  }
  return config;
}

/**
 * DB-less mode: Kong takes only whole configurations (`POST /config`). The adapter reads the loaded one
 * (`GET /config`), keeps every entity not tagged by this installation as it is, replaces ours with the desired
 * objects and posts the result, only when our part differs (so a reconcile without changes writes nothing).
 */
export async function applyDeclarative(
  client: KongAdminClient,
  naming: KongNaming,
  desired: readonly KongObject[],
  options: { readonly dryRun: boolean },
): Promise<{ operations: KongOperation[]; error: { message: string; retryable: boolean } | null }> {
  const loaded = (await client.call("GET", "/config")).body as { config?: string };
  const current = (parseYaml(loaded.config ?? "{}") ?? {}) as Record<string, unknown>;
  const rows = (kind: KongKind) => (current[sections[kind]] as Row[] | undefined) ?? [];
  const kinds = Object.keys(sections) as KongKind[];
  const ours = (row: Row) => naming.owns(row.tags as string[] | null);
  const names = (kind: KongKind, field: string) =>
    new Map(
      rows(kind)
        .filter(ours)
        .map((row) => [String(row.id), String(row[field])]),
    );
  const serviceNames = names("service", "name");
  const consumerNames = names("consumer", "username");
  const actual = kinds.flatMap((kind) =>
    rows(kind)
      .filter(ours)
      .map((row) => normalize(kind, row, serviceNames, consumerNames)),
  );
  const operations = diffKongState(desired, actual);
  if (options.dryRun || operations.length === 0) return { operations, error: null };
  const owned = renderOwned(desired);
  const config: Record<string, unknown> = { _format_version: "3.0" };
  for (const kind of kinds) {
    const section = sections[kind];
    const foreign = rows(kind)
      .filter((row) => !ours(row))
      .map(flattenRefs);
    const merged = [...foreign, ...(owned[section] ?? [])];
    if (merged.length > 0) config[section] = merged;
  }
  try {
    await client.call("POST", "/config", config);
    return { operations, error: null };
  } catch (error) {
    if (!(error instanceof KongAdminError)) throw error;
    const detail =
      error.body && typeof error.body === "object" && "fields" in error.body
        ? ` ${JSON.stringify(error.body.fields)}`
        : "";
    return { operations, error: { message: `${error.kongMessage}${detail}`, retryable: error.retryable } };
  }
}
