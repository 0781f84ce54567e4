/**
 * Config schemas of the plugins the portal's adapter sends (CONTRACT.md §7; Kong 3.9.3
 * `kong/plugins/<name>/schema.lua`), plus the other bundled plugin names, which the double accepts
 * with an unchecked config.
 */
import type { CheckIssue, RecordField } from "./field-schema.js";
import { ENTITY_AT, SELF_AT } from "./field-schema.js";
import { randomToken } from "./typedefs.js";

export interface PluginDefinition {
  priority: number;
  /** `consumer = typedefs.no_consumer`: auth and ACL plugins cannot be consumer-scoped. */
  noConsumer: boolean;
  config: RecordField;
  /** Plugin-level entity checks that name `config.*` fields; they land in `@entity`. */
  checks?: readonly ((config: Record<string, unknown>) => CheckIssue[])[];
  /** Deprecated flat config fields still accepted and echoed (rate-limiting `redis_*`, §7). */
  shorthands?: Readonly<Record<string, string>>;
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || (Array.isArray(value) && value.length === 0);

const stringArray = { type: "array", elements: { type: "string" } } as const;
const stringSet = { type: "set", elements: { type: "string" } } as const;

function headerNameCheck(name: string): string | undefined {
  return /^[A-Za-z0-9_-]+$/.test(name)
    ? undefined
    : `bad header name '${name}', allowed characters are A-Z, a-z, 0-9, '_', and '-'`;
}

function conditionalRequired(
  config: Record<string, unknown>,
  ifField: string,
  ifValue: unknown,
  thenField: string,
): CheckIssue[] {
  if (config[ifField] !== ifValue || !isEmpty(config[thenField])) return [];
  return [
    { at: ENTITY_AT, message: `failed conditional validation given value of field 'config.${ifField}'` },
    { at: thenField, message: "required field missing" },
  ];
}

const keyAuth: PluginDefinition = {
  priority: 1250,
  noConsumer: true,
  config: {
    type: "record",
    default: {},
    fields: {
      key_names: {
        type: "array",
        required: true,
        default: ["apikey"],
        elements: { type: "string", check: headerNameCheck },
      },
      hide_credentials: { type: "boolean", required: true, default: false },
      anonymous: { type: "string" },
      key_in_header: { type: "boolean", required: true, default: true },
      key_in_query: { type: "boolean", required: true, default: true },
      key_in_body: { type: "boolean", required: true, default: false },
      run_on_preflight: { type: "boolean", required: true, default: true },
      realm: { type: "string" },
    },
  },
};

const acl: PluginDefinition = {
  priority: 950,
  noConsumer: true,
  config: {
    type: "record",
    default: {},
    fields: {
      allow: stringSet,
      deny: stringSet,
      hide_groups_header: { type: "boolean", required: true, default: false },
      always_use_authenticated_groups: { type: "boolean", required: true, default: false },
    },
  },
  checks: [
    (config) => {
      const given = ["allow", "deny"].filter((field) => !isEmpty(config[field])).length;
      if (given === 0) {
        return [
          {
            at: ENTITY_AT,
            message: "at least one of these fields must be non-empty: 'config.allow', 'config.deny'",
          },
        ];
      }
      if (given === 2) {
        return [
          {
            at: ENTITY_AT,
            message: "exactly one of these fields must be non-empty: 'config.allow', 'config.deny'",
          },
        ];
      }
      return [];
    },
  ],
};

const OAUTH2_FLOWS = [
  "enable_authorization_code",
  "enable_implicit_grant",
  "enable_client_credentials",
  "enable_password_grant",
];

const oauth2: PluginDefinition = {
  priority: 1400,
  noConsumer: true,
  config: {
    type: "record",
    default: {},
    fields: {
      scopes: stringArray,
      mandatory_scope: { type: "boolean", required: true, default: false },
      provision_key: { type: "string", required: true, generate: randomToken },
      token_expiration: { type: "number", required: true, default: 7200 },
      enable_authorization_code: { type: "boolean", required: true, default: false },
      enable_implicit_grant: { type: "boolean", required: true, default: false },
      enable_client_credentials: { type: "boolean", required: true, default: false },
      enable_password_grant: { type: "boolean", required: true, default: false },
      hide_credentials: { type: "boolean", required: true, default: false },
      accept_http_if_already_terminated: { type: "boolean", default: false },
      anonymous: { type: "string" },
      global_credentials: { type: "boolean", default: false },
      auth_header_name: { type: "string", default: "authorization" },
      refresh_token_ttl: { type: "number", required: true, default: 1209600, between: [0, 100000000] },
      reuse_refresh_token: { type: "boolean", required: true, default: false },
      pkce: { type: "string", default: "lax", oneOf: ["none", "lax", "strict"] },
      realm: { type: "string" },
    },
    checks: [
      (config) =>
        OAUTH2_FLOWS.some((flow) => config[flow] === true)
          ? conditionalRequired(config, "mandatory_scope", true, "scopes")
          : [
              {
                at: SELF_AT,
                message: `at least one of these fields must be true: ${OAUTH2_FLOWS.join(", ")}`,
              },
            ],
    ],
  },
};

const PERIODS = ["second", "minute", "hour", "day", "month", "year"] as const;
const period = { type: "number", gt: 0 } as const;

const rateLimiting: PluginDefinition = {
  priority: 910,
  noConsumer: false,
  config: {
    type: "record",
    default: {},
    fields: {
      second: period,
      minute: period,
      hour: period,
      day: period,
      month: period,
      year: period,
      limit_by: {
        type: "string",
        default: "consumer",
        oneOf: ["consumer", "credential", "ip", "service", "header", "path"],
      },
      header_name: { type: "string" },
      path: { type: "string" },
      policy: { type: "string", default: "local", oneOf: ["local", "cluster", "redis"] },
      fault_tolerant: { type: "boolean", required: true, default: true },
      redis: {
        type: "record",
        required: true,
        default: {},
        fields: {
          host: { type: "string" },
          port: { type: "integer", default: 6379, between: [0, 65535] },
          timeout: { type: "integer", default: 2000, between: [0, 2 ** 31 - 2] },
          username: { type: "string" },
          password: { type: "string" },
          database: { type: "integer", default: 0 },
          ssl: { type: "boolean", required: true, default: false },
          ssl_verify: { type: "boolean", required: true, default: false },
          server_name: { type: "string" },
        },
      },
      hide_client_headers: { type: "boolean", required: true, default: false },
      error_code: { type: "number", default: 429, gt: 0 },
      error_message: { type: "string", default: "API rate limit exceeded" },
      sync_rate: { type: "number", required: true, default: -1 },
    },
    checks: [
      (config) => {
        const given = PERIODS.filter((name) => typeof config[name] === "number");
        for (let longer = 1; longer < given.length; longer += 1) {
          for (let shorter = 0; shorter < longer; shorter += 1) {
            const [a, b] = [given[shorter]!, given[longer]!];
            const [va, vb] = [config[a] as number, config[b] as number];
            if (vb < va) {
              return [
                {
                  at: SELF_AT,
                  message: `The limit for ${b}(${vb.toFixed(1)}) cannot be lower than the limit for ${a}(${va.toFixed(1)})`,
                },
              ];
            }
          }
        }
        const redis = config["redis"] as Record<string, unknown> | null;
        const redisIssues: CheckIssue[] =
          config["policy"] === "redis" && (redis === null || isEmpty(redis["host"]))
            ? [
                {
                  at: ENTITY_AT,
                  message: "failed conditional validation given value of field 'config.policy'",
                },
                { at: "redis", message: "required field missing" },
              ]
            : [];
        return [
          ...conditionalRequired(config, "limit_by", "header", "header_name"),
          ...conditionalRequired(config, "limit_by", "path", "path"),
          ...redisIssues,
        ];
      },
    ],
  },
  checks: [
    (config) =>
      PERIODS.every((name) => isEmpty(config[name]))
        ? [
            {
              at: ENTITY_AT,
              message: `at least one of these fields must be non-empty: ${PERIODS.map((p) => `'config.${p}'`).join(", ")}`,
            },
          ]
        : [],
  ],
  shorthands: {
    redis_host: "host",
    redis_port: "port",
    redis_password: "password",
    redis_username: "username",
    redis_ssl: "ssl",
    redis_ssl_verify: "ssl_verify",
    redis_server_name: "server_name",
    redis_timeout: "timeout",
    redis_database: "database",
  },
};

function originCheck(origin: string): string | undefined {
  if (origin === "*") return undefined;
  try {
    new RegExp(origin);
    return undefined;
  } catch {
    return `'${origin}' is not a valid regex`;
  }
}

const HTTP_METHODS = ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"];

const cors: PluginDefinition = {
  priority: 2000,
  noConsumer: true,
  config: {
    type: "record",
    default: {},
    fields: {
      origins: { type: "array", elements: { type: "string", check: originCheck } },
      headers: stringArray,
      exposed_headers: stringArray,
      methods: { type: "array", default: HTTP_METHODS, elements: { type: "string", oneOf: HTTP_METHODS } },
      max_age: { type: "number" },
      credentials: { type: "boolean", required: true, default: false },
      private_network: { type: "boolean", required: true, default: false },
      preflight_continue: { type: "boolean", required: true, default: false },
    },
  },
};

const correlationId: PluginDefinition = {
  priority: 100001,
  noConsumer: false,
  config: {
    type: "record",
    default: {},
    fields: {
      header_name: { type: "string", default: "Kong-Request-ID" },
      generator: {
        type: "string",
        required: true,
        default: "uuid#counter",
        oneOf: ["uuid", "uuid#counter", "tracker"],
      },
      echo_downstream: { type: "boolean", required: true, default: false },
    },
  },
};

const requestSizeLimiting: PluginDefinition = {
  priority: 951,
  noConsumer: false,
  config: {
    type: "record",
    default: {},
    fields: {
      allowed_payload_size: { type: "integer", default: 128 },
      size_unit: {
        type: "string",
        required: true,
        default: "megabytes",
        oneOf: ["megabytes", "kilobytes", "bytes"],
      },
      require_content_length: { type: "boolean", required: true, default: false },
    },
  },
};

const basicAuth: PluginDefinition = {
  priority: 1100,
  noConsumer: true,
  config: {
    type: "record",
    default: {},
    fields: {
      anonymous: { type: "string" },
      hide_credentials: { type: "boolean", required: true, default: false },
      realm: { type: "string", required: true, default: "service" },
    },
  },
};

export const MODELLED_PLUGINS: Readonly<Record<string, PluginDefinition>> = {
  "key-auth": keyAuth,
  acl,
  oauth2,
  "rate-limiting": rateLimiting,
  cors,
  "correlation-id": correlationId,
  "request-size-limiting": requestSizeLimiting,
  "basic-auth": basicAuth,
};

/** Other plugins bundled with Kong OSS 3.9 (`kong/constants.lua`); their config is stored unchecked. */
const UNMODELLED_PLUGINS: Readonly<Record<string, number>> = {
  jwt: 1450,
  "hmac-auth": 1030,
  "ldap-auth": 1200,
  "ip-restriction": 990,
  "bot-detection": 2500,
  "request-transformer": 801,
  "response-transformer": 800,
  "response-ratelimiting": 900,
  "request-termination": 2,
  "proxy-cache": 100,
  prometheus: 13,
  "http-log": 12,
  "file-log": 9,
  "tcp-log": 7,
  "udp-log": 8,
  syslog: 4,
  loggly: 6,
  datadog: 10,
  statsd: 11,
  zipkin: 100000,
  opentelemetry: 14,
  session: 1900,
  acme: 1705,
  "grpc-gateway": 998,
  "grpc-web": 3,
  "pre-function": 1000000,
  "post-function": -1000,
  "aws-lambda": 750,
  "azure-functions": 749,
  redirect: 779,
  "standard-webhooks": 760,
};

export function pluginDefinition(name: string): PluginDefinition | undefined {
  const modelled = MODELLED_PLUGINS[name];
  if (modelled) return modelled;
  const priority = UNMODELLED_PLUGINS[name];
  if (priority === undefined) return undefined;
  return { priority, noConsumer: false, config: { type: "record", default: {}, fields: {}, open: true } };
}

export function availablePlugins(): Record<string, number> {
  const all: Record<string, number> = { ...UNMODELLED_PLUGINS };
  for (const [name, definition] of Object.entries(MODELLED_PLUGINS)) all[name] = definition.priority;
  return all;
}
