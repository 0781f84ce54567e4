/**
 * Schemas of services, routes and consumers (CONTRACT.md §5.1–§5.3; Kong 3.9
 * `kong/db/schema/entities/{services,routes,consumers}.lua`).
 */
import type { CheckIssue, RecordSchema } from "./field-schema.js";
import { ENTITY_AT } from "./field-schema.js";
import {
  foreignField,
  hostField,
  tagsField,
  timeoutField,
  timestampField,
  utf8NameField,
  uuidField,
} from "./typedefs.js";

const SERVICE_PROTOCOLS = ["grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"] as const;
const ROUTE_PROTOCOL_GROUPS = [
  ["http", "https"],
  ["tcp", "tls", "udp"],
  ["tls_passthrough"],
  ["grpc", "grpcs"],
];

function pathCheck(path: string): string | undefined {
  if (!path.startsWith("/")) return "should start with: /";
  if (path.includes("//")) return "must not have empty segments";
  return undefined;
}

export const serviceSchema: RecordSchema = {
  type: "record",
  fields: {
    id: uuidField,
    created_at: timestampField,
    updated_at: timestampField,
    name: utf8NameField,
    retries: { type: "integer", default: 5, between: [0, 32767] },
    protocol: { type: "string", default: "http", required: true, oneOf: SERVICE_PROTOCOLS },
    host: { ...hostField, required: true },
    port: { type: "integer", default: 80, required: true, between: [0, 65535] },
    path: { type: "string", check: pathCheck },
    connect_timeout: timeoutField,
    write_timeout: timeoutField,
    read_timeout: timeoutField,
    tags: tagsField,
    client_certificate: { type: "record", fields: { id: { type: "string", required: true } } },
    tls_verify: { type: "boolean" },
    tls_verify_depth: { type: "integer", between: [0, 64] },
    ca_certificates: { type: "array", elements: { type: "string" } },
    enabled: { type: "boolean", default: true, required: true },
  },
  checks: [
    (service) => {
      const issues: CheckIssue[] = [];
      const protocol = service["protocol"];
      const tlsProtocol = protocol === "https" || protocol === "tls";
      if (service["path"] !== null && !["http", "https"].includes(String(protocol))) {
        issues.push({
          at: ENTITY_AT,
          message: "failed conditional validation given value of field 'protocol'",
        });
        issues.push({ at: "path", message: "value must be null" });
      }
      for (const field of ["client_certificate", "tls_verify", "tls_verify_depth", "ca_certificates"]) {
        if (service[field] !== null && !tlsProtocol) {
          issues.push({
            at: ENTITY_AT,
            message: "failed conditional validation given value of field 'protocol'",
          });
          issues.push({ at: field, message: "value must be null" });
        }
      }
      return issues;
    },
  ],
};

/** `url` is a write-only shorthand for protocol, host, port and path (§5.1). */
export function expandServiceUrl(input: Record<string, unknown>): Record<string, unknown> {
  if (!("url" in input)) return input;
  const { url, ...rest } = input;
  if (typeof url !== "string") return { ...rest, url };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ...rest, url };
  }
  const protocol = parsed.protocol.replace(/:$/, "");
  const defaultPort = protocol === "https" || protocol === "grpcs" || protocol === "tls" ? 443 : 80;
  const rawPath = url.slice(url.indexOf(parsed.host) + parsed.host.length);
  return {
    ...rest,
    protocol,
    host: parsed.hostname,
    port: parsed.port === "" ? defaultPort : Number(parsed.port),
    path: rawPath === "" ? null : parsed.pathname,
  };
}

function routePathCheck(path: string): string | undefined {
  if (!path.startsWith("/") && !path.startsWith("~/"))
    return "should start with: / (fixed path) or ~/ (regex path)";
  return undefined;
}

const stringSet = { type: "set", elements: { type: "string" } } as const;

export const routeSchema: RecordSchema = {
  type: "record",
  fields: {
    id: uuidField,
    created_at: timestampField,
    updated_at: timestampField,
    name: utf8NameField,
    protocols: {
      type: "set",
      lenMin: 1,
      required: true,
      default: ["http", "https"],
      elements: {
        type: "string",
        oneOf: ["grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp", "ws", "wss"],
      },
    },
    methods: {
      type: "set",
      elements: { type: "string", check: (m) => (/^[A-Z]+$/.test(m) ? undefined : `invalid value: ${m}`) },
    },
    hosts: { type: "array", elements: { type: "string" } },
    paths: { type: "array", elements: { type: "string", check: routePathCheck } },
    headers: { type: "map" },
    https_redirect_status_code: {
      type: "integer",
      default: 426,
      required: true,
      oneOf: [426, 301, 302, 307, 308],
    },
    regex_priority: { type: "integer", default: 0 },
    strip_path: { type: "boolean", default: true, required: true },
    path_handling: { type: "string", default: "v0", oneOf: ["v0", "v1"] },
    preserve_host: { type: "boolean", default: false, required: true },
    request_buffering: { type: "boolean", default: true, required: true },
    response_buffering: { type: "boolean", default: true, required: true },
    snis: stringSet,
    sources: { type: "set", elements: { type: "record", fields: {}, open: true } },
    destinations: { type: "set", elements: { type: "record", fields: {}, open: true } },
    tags: tagsField,
    service: foreignField("services"),
  },
  checks: [
    (route) => {
      const protocols = (route["protocols"] as string[] | null) ?? [];
      const groups = ROUTE_PROTOCOL_GROUPS.filter((group) => group.some((p) => protocols.includes(p)));
      if (groups.length > 1) {
        const list = ROUTE_PROTOCOL_GROUPS.map((group) => `('${group.join("', '")}')`).join(", ");
        return [{ at: ENTITY_AT, message: `these sets are mutually exclusive: ${list}` }];
      }
      const empty = (field: string) => {
        const value = route[field];
        return (
          value === null ||
          (Array.isArray(value) && value.length === 0) ||
          (typeof value === "object" && Object.keys(value).length === 0)
        );
      };
      const httpFields = ["methods", "hosts", "headers", "paths"];
      if (protocols.includes("https") && [...httpFields, "snis"].every(empty)) {
        const names = [...httpFields, "snis"].map((f) => `'${f}'`).join(", ");
        return [{ at: ENTITY_AT, message: `must set one of ${names} when 'protocols' is 'https'` }];
      }
      if (protocols.includes("http") && httpFields.every(empty)) {
        const names = httpFields.map((f) => `'${f}'`).join(", ");
        return [{ at: ENTITY_AT, message: `must set one of ${names} when 'protocols' is 'http'` }];
      }
      return [];
    },
  ],
};

export const consumerSchema: RecordSchema = {
  type: "record",
  fields: {
    id: uuidField,
    created_at: timestampField,
    updated_at: timestampField,
    username: { type: "string" },
    custom_id: { type: "string" },
    tags: tagsField,
  },
  checks: [
    (consumer) =>
      consumer["username"] === null && consumer["custom_id"] === null
        ? [
            {
              at: ENTITY_AT,
              message: "at least one of these fields must be non-empty: 'custom_id', 'username'",
            },
          ]
        : [],
  ],
};
