/**
 * The Admin API's behaviour for one parsed request (CONTRACT.md §1, §3, §4): dispatches a matched
 * route to the entity reads and writes and shapes the answer. Transport concerns (body parsing,
 * faults, logging) stay in the server.
 */
import type { AdminRoute } from "./admin-routes.js";
import { allowedMethods, childDefinition, matchRoute } from "./admin-routes.js";
import type { DeclarativeConfig } from "./declarative-config.js";
import type { EntityDefinition } from "./entity-definitions.js";
import { ENTITIES } from "./entity-definitions.js";
import { findByPathKey, findChild, isLive, rendered } from "./entity-reads.js";
import type { KongStore, Row } from "./entity-store.js";
import { EntityWrites } from "./entity-writes.js";
import {
  badRequestMessage,
  entityNotFound,
  methodNotAllowed,
  notFound,
  operationUnsupported,
} from "./kong-errors.js";
import type { NodeInfo } from "./node-endpoints.js";
import { rootInfo, statusInfo } from "./node-endpoints.js";
import { nextLink, pageOf, parsePageSize } from "./pagination.js";
import { isUuid } from "./schema-validation.js";
import { matchesTags, parseTagFilter } from "./tag-filter.js";

export interface AdminRequest {
  method: string;
  /** Unescaped path segments, without empty ones (a trailing slash is tolerated). */
  segments: string[];
  query: URLSearchParams;
  /** Parsed body; undefined when there was none. */
  body: unknown;
  contentType: string | undefined;
  rawBody: string;
}

export interface AdminResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type EntityRoute = Exclude<AdminRoute, { kind: "root" | "status" | "config" }>;

const WRITE_VERBS: Record<string, string> = {
  POST: "create",
  PUT: "create or update",
  PATCH: "update",
  DELETE: "remove",
};

export class AdminApi {
  private readonly writes: EntityWrites;

  constructor(
    private readonly store: KongStore,
    private readonly node: NodeInfo,
    private readonly declarative: DeclarativeConfig,
  ) {
    this.writes = new EntityWrites(store);
  }

  handle(request: AdminRequest): AdminResponse {
    const route = matchRoute(request.segments);
    if (!route) throw notFound();
    const allowed = allowedMethods(route);
    if (request.method === "OPTIONS") {
      const methods = [...allowed, "HEAD", "OPTIONS"].sort().join(", ");
      return { status: 204, headers: { Allow: methods, "Access-Control-Allow-Methods": methods } };
    }
    const method = request.method === "HEAD" ? "GET" : request.method;
    if (!allowed.includes(method)) throw methodNotAllowed();
    switch (route.kind) {
      case "root":
        return ok(rootInfo(this.node, this.store));
      case "status":
        return ok(statusInfo(this.node));
      case "config":
        return this.declarative.handle(method, request);
      case "collection":
      case "entity":
      case "foreign":
      case "nested-collection":
      case "nested-entity":
        this.refuseWriteWithoutDatabase(route, method);
        return this.entityEndpoint(route, method, request);
    }
  }

  /** DB-less mode: every write on an entity endpoint is 405 code 12 (§11). */
  private refuseWriteWithoutDatabase(route: EntityRoute, method: string): void {
    if (this.node.database !== "off" || method === "GET") return;
    const entity = "entity" in route ? route.entity : childDefinition(route.nested);
    const key = route.kind === "entity" || route.kind === "nested-entity" ? route.key : undefined;
    if (method === "DELETE" && route.kind === "entity" && !findByPathKey(this.store, entity, route.key))
      return;
    const byKey =
      key !== undefined && !isUuid(key) && entity.endpointKey ? ` by '${entity.endpointKey}'` : "";
    throw operationUnsupported(
      `cannot ${WRITE_VERBS[method] ?? "change"} '${entity.name}' entities${byKey} when not using a database`,
    );
  }

  private entityEndpoint(route: EntityRoute, method: string, request: AdminRequest): AdminResponse {
    switch (route.kind) {
      case "collection":
        return method === "GET"
          ? this.topLevelList(route.entity, request)
          : created(route.entity, this.writes.insert(route.entity, bodyOf(request)));
      case "entity":
        return this.entityItem(route.entity, route.key, method, request);
      case "foreign":
        return this.foreignItem(route, method, request);
      case "nested-collection":
        return this.nestedCollection(route, method, request);
      case "nested-entity":
        return this.nestedItem(route, method, request);
    }
  }

  private topLevelList(entity: EntityDefinition, request: AdminRequest): AdminResponse {
    const size = parsePageSize(request.query.get("size") ?? undefined);
    const tagsParam = request.query.get("tags") ?? undefined;
    const filter = tagsParam === undefined ? undefined : parseTagFilter(tagsParam);
    if (entity.name === "consumers" && request.query.has("custom_id")) {
      const customId = request.query.get("custom_id")!;
      if (customId === "") throw badRequestMessage("custom_id must be an unempty string");
      const found = this.store.find("consumers", "custom_id", customId);
      return ok({ data: found ? [rendered("consumers", found)] : [], next: null });
    }
    let rows = this.store.list(entity.name).filter((row) => isLive(entity.name, row));
    if (filter) rows = rows.filter((row) => matchesTags(filter, row["tags"]));
    return this.page(entity, rows, size, request, `/${entity.path}`, {
      tags: tagsParam,
      size: request.query.get("size") ?? undefined,
    });
  }

  private page(
    entity: EntityDefinition,
    rows: readonly Row[],
    size: number,
    request: AdminRequest,
    path: string,
    carry: { tags?: string | undefined; size?: string | undefined },
  ): AdminResponse {
    const page = pageOf(rows, size, request.query.get("offset") ?? undefined);
    const data = page.data.map((row) => rendered(entity.name, row));
    if (page.offset === undefined) return ok({ data, next: null });
    return ok({ data, offset: page.offset, next: nextLink(path, page.offset, carry) });
  }

  private entityItem(
    entity: EntityDefinition,
    key: string,
    method: string,
    request: AdminRequest,
  ): AdminResponse {
    const row = findByPathKey(this.store, entity, key);
    switch (method) {
      case "GET":
        if (!row) throw notFound();
        return ok(rendered(entity.name, row));
      case "PUT":
        return ok(
          rendered(entity.name, this.writes.replace(entity, row, bodyOf(request), urlKey(entity, key))),
        );
      case "PATCH": {
        if (!row)
          throw entityNotFound(
            isUuid(key) || !entity.endpointKey ? { id: key } : { [entity.endpointKey]: key },
          );
        return ok(rendered(entity.name, this.writes.update(entity, row, bodyOf(request))));
      }
      default:
        if (row) this.writes.remove(entity, row);
        return { status: 204 };
    }
  }

  /** `/routes/{r}/service`, `/key-auths/{k}/consumer`: the referenced parent (§4). */
  private foreignItem(
    route: Extract<AdminRoute, { kind: "foreign" }>,
    method: string,
    request: AdminRequest,
  ): AdminResponse {
    const row = findByPathKey(this.store, route.entity, route.key);
    const reference = row?.[route.foreignKey.field] as { id?: string } | null | undefined;
    const parentDefinition = ENTITIES[route.foreignKey.reference];
    const parent = reference?.id ? this.store.get(route.foreignKey.reference, reference.id) : undefined;
    if (!parent) throw notFound();
    if (method === "GET") return ok(rendered(parentDefinition.name, parent));
    if (method === "PATCH")
      return ok(
        rendered(parentDefinition.name, this.writes.update(parentDefinition, parent, bodyOf(request))),
      );
    return ok(
      rendered(
        parentDefinition.name,
        this.writes.replace(parentDefinition, parent, bodyOf(request), { id: parent.id }),
      ),
    );
  }

  private nestedCollection(
    route: Extract<AdminRoute, { kind: "nested-collection" }>,
    method: string,
    request: AdminRequest,
  ): AdminResponse {
    const parent = findByPathKey(this.store, route.parent, route.parentKey);
    if (!parent) throw notFound();
    const child = childDefinition(route.nested);
    if (method === "POST") {
      return created(
        child,
        this.writes.insert(child, bodyOf(request), { [route.nested.foreignKey]: { id: parent.id } }),
      );
    }
    const size = parsePageSize(request.query.get("size") ?? undefined);
    // tags are ignored on nested collections (§3.1)
    const rows = this.store
      .findAll(child.name, route.nested.foreignKey, { id: parent.id })
      .filter((row) => isLive(child.name, row))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const path = `/${route.parent.path}/${encodeURIComponent(route.parentKey)}/${route.nested.path}`;
    return this.page(child, rows, size, request, path, {});
  }

  private nestedItem(
    route: Extract<AdminRoute, { kind: "nested-entity" }>,
    method: string,
    request: AdminRequest,
  ): AdminResponse {
    const parent = findByPathKey(this.store, route.parent, route.parentKey);
    if (!parent) throw notFound();
    const child = childDefinition(route.nested);
    const forced = { [route.nested.foreignKey]: { id: parent.id } };
    if (method === "PUT") {
      // No ownership check on PUT (§4.1): the key's row is replaced and moved to this parent.
      const existing = isUuid(route.key)
        ? this.store.get(child.name, route.key.toLowerCase())
        : (findChild(this.store, route.nested, child, parent, route.key) ??
          (route.nested.childKey ? undefined : findByPathKey(this.store, child, route.key)));
      const keyField = route.nested.childKey ?? child.endpointKey;
      const urlFields =
        isUuid(route.key) || !keyField ? { id: route.key.toLowerCase() } : { [keyField]: route.key };
      return ok(
        rendered(
          child.name,
          this.writes.replace(child, existing, bodyOf(request), { ...urlFields, ...forced }),
        ),
      );
    }
    const row = findChild(this.store, route.nested, child, parent, route.key);
    if (!row) throw notFound();
    if (method === "GET") return ok(rendered(child.name, row));
    if (method === "PATCH")
      return ok(rendered(child.name, this.writes.update(child, row, bodyOf(request), forced)));
    this.writes.remove(child, row);
    return { status: 204 };
  }
}

function ok(body: unknown): AdminResponse {
  return { status: 200, body };
}

function created(entity: EntityDefinition, row: Row): AdminResponse {
  return { status: 201, body: rendered(entity.name, row) };
}

/** No body is an empty entity (§1). */
function bodyOf(request: AdminRequest): unknown {
  return request.body === undefined ? {} : request.body;
}

/** PUT `/E/{k}`: the URL key is forced into the row (`id` for a UUID, else the endpoint key). */
function urlKey(entity: EntityDefinition, key: string): Record<string, unknown> {
  if (isUuid(key) || !entity.endpointKey) return { id: key.toLowerCase() };
  return { [entity.endpointKey]: key };
}
