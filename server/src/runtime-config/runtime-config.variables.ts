import { z } from "zod";
import { encryptionKeysSchema } from "../crypto/encryption-keys.js";
import { serviceAccountsSchema } from "../service-accounts/service-accounts.variable.js";

/** One environment variable the portal understands. The README's table is generated from this list. */
export interface VariableSpec {
  readonly name: string;
  readonly description: string;
  /** Default as written in the environment; `undefined` means optional without default. */
  readonly default?: string;
  /** Secret values may also come from `<NAME>_FILE` and are never logged. */
  readonly secret?: boolean;
  readonly schema: z.ZodType;
}

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const logLevel = z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);
const boolean = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const variables = [
  {
    name: "PORTAL_CONFIG_DIR",
    description: "Static configuration directory (APIs, plans, groups, content, templates).",
    default: "deploy/config",
    schema: z.string().min(1),
  },
  {
    name: "PORTAL_DATA_DIR",
    description: "Directory for the embedded SQLite database and the local mail outbox.",
    default: "data",
    schema: z.string().min(1),
  },
  {
    name: "DATABASE_URL",
    description:
      "`postgres://user:pass@host:5432/db` for PostgreSQL, or `sqlite:<path>`; default is SQLite at `<PORTAL_DATA_DIR>/portal.sqlite`.",
    secret: true,
    schema: z
      .string()
      .regex(/^(postgres|postgresql|sqlite):/, "must start with postgres://, postgresql:// or sqlite:"),
  },
  {
    name: "DATABASE_POOL_MAX",
    description: "Maximum PostgreSQL connections per process.",
    default: "10",
    schema: positiveInt,
  },
  {
    name: "DATABASE_CONNECT_TIMEOUT_MS",
    description: "How long start-up waits for the database before giving up.",
    default: "10000",
    schema: positiveInt,
  },
  {
    name: "HOST",
    description: "Address the HTTP server binds to.",
    default: "127.0.0.1",
    schema: z.string().min(1),
  },
  {
    name: "PORT",
    description: "HTTP port of the portal API (GraphQL, REST facade, health).",
    default: "3000",
    schema: port,
  },
  { name: "LOG_LEVEL", description: "pino log level.", default: "info", schema: logLevel },
  {
    name: "PORTAL_TRUST_PROXY",
    description: "Trust `X-Forwarded-*` headers from a reverse proxy (HAProxy, Ingress).",
    default: "false",
    schema: boolean,
  },
  {
    name: "PORTAL_SHUTDOWN_TIMEOUT_MS",
    description: "Grace period for in-flight requests on SIGTERM before the process exits.",
    default: "10000",
    schema: positiveInt,
  },
  {
    name: "PORTAL_BODY_LIMIT_BYTES",
    description: "Largest accepted request body.",
    default: "1048576",
    schema: positiveInt,
  },
  {
    name: "GRAPHQL_MAX_DEPTH",
    description: "Deepest GraphQL selection accepted; deeper queries get QUERY_TOO_COMPLEX.",
    default: "12",
    schema: positiveInt,
  },
  {
    name: "GRAPHQL_MAX_COST",
    description: "Highest estimated GraphQL query cost (fields, multiplied by page sizes) accepted.",
    default: "20000",
    schema: positiveInt,
  },
  {
    name: "PORTAL_SERVICE_ACCOUNTS",
    description:
      "Service accounts of the bridge and listeners: comma-separated `id:scope:token` entries (scope `read` or `read-write`, token at least 32 characters), or a JSON array of `{id, scope, token}`. See docs/graphql-conventions.md.",
    secret: true,
    schema: serviceAccountsSchema,
  },
  {
    name: "PORTAL_ENCRYPTION_KEYS",
    description:
      "Keys that encrypt API keys and client secrets at rest (AES-256-GCM): comma-separated `keyId:base64` entries of 32 random bytes each (`openssl rand -base64 32`). The first encrypts, all decrypt, so prepend a new key to rotate and keep the old ones while data still uses them. When unset, a key is generated once into `<PORTAL_DATA_DIR>/secrets/encryption-keys`; multi-replica deployments must set it. See docs/subscriptions.md.",
    secret: true,
    schema: encryptionKeysSchema,
  },
  {
    name: "PORTAL_EVENT_LOG_RETENTION_DAYS",
    description:
      "Days the event log keeps each event (and webhook dead letters and delivery attempts), whether or not every webhook listener received it. See docs/events.md.",
    default: "7",
    schema: positiveInt,
  },
  {
    name: "PORTAL_WEBHOOK_DELIVERY_ACCOUNTS",
    description:
      "Comma-separated ids of the service accounts that deliver webhooks (the bridge): they may lease any listener, read its signing secret and record delivery attempts. Other service accounts manage only the listeners they registered. See docs/webhooks.md.",
    default: "bridge",
    schema: z
      .string()
      .regex(
        /^\s*[a-z][a-z0-9-]*(\s*,\s*[a-z][a-z0-9-]*)*\s*$/,
        "must be comma-separated service account ids",
      )
      .transform((value) => value.split(",").map((id) => id.trim())),
  },
  {
    name: "PORTAL_ADMIN_EMAIL",
    description: "E-mail address of the first administrator, created on first start when no account has it.",
    default: "admin@localhost",
    schema: z.string().regex(/^[^\s@]+@[^\s@]+$/, "must be an e-mail address"),
  },
  {
    name: "PORTAL_ADMIN_PASSWORD",
    description:
      "Password of the first administrator (must meet the password policy). When unset, one is generated and printed once on first start.",
    secret: true,
    schema: z.string().min(1),
  },
] as const satisfies readonly VariableSpec[];

export type VariableName = (typeof variables)[number]["name"];
