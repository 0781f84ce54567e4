/**
 * Corrections applied to the copied OpenAPI documents before requests are checked against them.
 * The documents are loose (contract/README.md "Known defects", CONTRACT.md §0.1): each correction
 * here follows a statement of CONTRACT.md, which was read from Kong 3.9.3's source and tests, so
 * that a request real Kong accepts is not reported, while anything the documents do describe is
 * still checked.
 */
type Json = Record<string, unknown>;

export interface OpenApiDocument extends Json {
  paths: Record<string, Record<string, unknown>>;
  components?: Json;
}

const FOREIGN_REFERENCE = {
  type: "object",
  nullable: true,
  properties: { id: { type: "string" }, name: { type: "string" }, username: { type: "string" } },
  additionalProperties: false,
};

const PLUGIN_PROTOCOLS = [
  "grpc",
  "grpcs",
  "http",
  "https",
  "tcp",
  "tls",
  "tls_passthrough",
  "udp",
  "ws",
  "wss",
];

function requestSchema(document: OpenApiDocument, name: string): Json {
  const bodies = document.components?.["requestBodies"] as Record<string, Json>;
  const content = bodies[name]!["content"] as Record<string, Json>;
  return content["application/json"]!["schema"] as Json;
}

function properties(schema: Json): Record<string, Json> {
  return schema["properties"] as Record<string, Json>;
}

/**
 * §4.1, §5: Kong accepts `null` for every field that is not required (it means "unset" and
 * PATCH uses it to clear a field); the documents mark only a few properties nullable.
 */
export function allowNullProperties(document: OpenApiDocument): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (typeof node !== "object" || node === null) return;
    const schema = node as Json;
    const props = schema["properties"];
    if (typeof props === "object" && props !== null && !Array.isArray(props)) {
      for (const property of Object.values(props as Record<string, unknown>)) {
        if (typeof property === "object" && property !== null && "type" in property) {
          (property as Json)["nullable"] = true;
        }
      }
    }
    Object.values(schema).forEach(visit);
  };
  visit(document.components);
  visit(document.paths);
}

/** The core document (`admin-api-openapi.yaml`). */
export function correctAdminDocument(document: OpenApiDocument): void {
  // contract/README.md: typo path `/services/{service_id_or_name}plugins` (missing `/`).
  const typo = "/services/{service_id_or_name}plugins";
  if (document.paths[typo]) {
    document.paths["/services/{service_id_or_name}/plugins"] = document.paths[typo];
    delete document.paths[typo];
  }
  // §5.3: Kong requires at least one of username and custom_id, not both.
  const consumer = requestSchema(document, "consumer-request");
  delete consumer["required"];
  consumer["anyOf"] = [{ required: ["username"] }, { required: ["custom_id"] }];
  // §5.1: only `host` is required (or the write-only `url` shorthand); the rest have defaults.
  const service = requestSchema(document, "service-request");
  delete service["required"];
  properties(service)["url"] = { type: "string" };
  properties(service)["tls_verify_depth"] = { type: "integer", nullable: true };
  properties(service)["path"] = { type: "string", nullable: true };
  // §5.2: every documented required route field has a default.
  const route = requestSchema(document, "route-request");
  delete route["required"];
  properties(route)["service"] = FOREIGN_REFERENCE;
  properties(route)["headers"] = {
    type: "object",
    additionalProperties: { type: "array", items: { type: "string" } },
  };
  // §4, §5.4: plugin scopes are references `{"id": …}` (or a unique field), not strings; OSS protocols include https.
  const plugin = requestSchema(document, "plugin-request");
  for (const field of ["service", "route", "consumer"]) properties(plugin)[field] = FOREIGN_REFERENCE;
  properties(plugin)["protocols"] = { type: "array", items: { type: "string", enum: PLUGIN_PROTOCOLS } };
  // §7: the config of each plugin has its own schema; the document's example (integer hour/minute) is not it.
  properties(plugin)["config"] = { type: "object" };
}

/** The oauth2 plugin document: §6 lists client_id, client_type, id and tags as credential fields. */
export function correctOAuth2Document(document: OpenApiDocument): void {
  const schemas = document.components?.["schemas"] as Record<string, Json>;
  for (const name of ["OAuth2CredentialRequest", "OAuth2CredentialUpdate"]) {
    const fields = properties(schemas[name]!);
    fields["client_id"] = { type: "string" };
    fields["client_type"] = { type: "string", enum: ["confidential", "public"] };
    fields["id"] = { type: "string" };
    fields["tags"] = { type: "array", items: { type: "string" } };
    fields["redirect_uris"] = { type: "array", nullable: true, items: { type: "string" } };
  }
}

/**
 * Operations that exist in Kong 3.9 (§4, §6) but are missing from the documents. Each points at
 * a request schema of the documents, so bodies are still checked.
 */
export const SUPPLEMENTED_OPERATIONS: readonly {
  method: string;
  path: string;
  /** `<document>#<JSON pointer>` of the body schema, or undefined for operations without a body. */
  schema?: string;
}[] = [
  // key-auth and basic-auth documents lack the nested consumer paths (contract/README.md).
  { method: "GET", path: "/consumers/{c}/key-auth" },
  { method: "POST", path: "/consumers/{c}/key-auth", schema: "key-auth#/components/schemas/KeyAuth" },
  { method: "GET", path: "/consumers/{c}/key-auth/{k}" },
  { method: "PUT", path: "/consumers/{c}/key-auth/{k}", schema: "key-auth#/components/schemas/KeyAuth" },
  { method: "PATCH", path: "/consumers/{c}/key-auth/{k}", schema: "key-auth#/components/schemas/KeyAuth" },
  { method: "DELETE", path: "/consumers/{c}/key-auth/{k}" },
  { method: "GET", path: "/consumers/{c}/basic-auth" },
  { method: "POST", path: "/consumers/{c}/basic-auth", schema: "basic-auth#/components/schemas/BasicAuth" },
  { method: "GET", path: "/consumers/{c}/basic-auth/{k}" },
  {
    method: "PUT",
    path: "/consumers/{c}/basic-auth/{k}",
    schema: "basic-auth#/components/schemas/BasicAuth",
  },
  {
    method: "PATCH",
    path: "/consumers/{c}/basic-auth/{k}",
    schema: "basic-auth#/components/schemas/BasicAuth",
  },
  { method: "DELETE", path: "/consumers/{c}/basic-auth/{k}" },
  // §6: the oauth2 document has no GET list, no nested PUT and only PUT on /oauth2/{id}.
  { method: "GET", path: "/oauth2" },
  { method: "GET", path: "/oauth2/{k}" },
  { method: "PATCH", path: "/oauth2/{k}", schema: "oauth2#/components/schemas/OAuth2CredentialUpdate" },
  { method: "DELETE", path: "/oauth2/{k}" },
  {
    method: "PUT",
    path: "/consumers/{c}/oauth2/{k}",
    schema: "oauth2#/components/schemas/OAuth2CredentialRequest",
  },
  // §4: foreign-entity endpoints `/E/{k}/<foreign key>`.
  { method: "GET", path: "/routes/{k}/service" },
  { method: "GET", path: "/plugins/{k}/service" },
  { method: "GET", path: "/plugins/{k}/route" },
  { method: "GET", path: "/plugins/{k}/consumer" },
  { method: "GET", path: "/key-auths/{k}/consumer" },
  { method: "GET", path: "/acls/{k}/consumer" },
  { method: "GET", path: "/oauth2/{k}/consumer" },
  { method: "GET", path: "/basic-auths/{k}/consumer" },
];
