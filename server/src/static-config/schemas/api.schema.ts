import { z } from "zod";
import {
  gatewayPluginsSchema,
  httpUrlSchema,
  idSchema,
  relativeFileSchema,
  textSchema,
  uniqueList,
} from "./common.schema.js";

const keyAuthSchema = z.strictObject({
  type: z.literal("key-auth"),
  /** Header (or query parameter) that carries the API key. */
  headerName: z
    .string()
    .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, "must be a valid HTTP header name")
    .default("X-ApiKey"),
  /** Remove the key before the request reaches the upstream. */
  hideCredentials: z.boolean().default(true),
});

const scopeSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9_.:/-]+$/, "must not contain spaces or quotes"),
  description: z.string().default(""),
});

const oauth2Schema = z.strictObject({
  type: z.literal("oauth2"),
  /** OAuth 2.1 drops the implicit and password grants, so they are not offered. */
  flows: uniqueList(z.enum(["client_credentials", "authorization_code"]), "flow").refine(
    (flows) => flows.length > 0,
    "must list at least one flow",
  ),
  scopes: z.array(scopeSchema).default([]),
  tokenTtlSeconds: z.int().min(60).max(86_400).default(3_600),
  /** 0 turns refresh tokens off. Only the authorization_code flow issues them. */
  refreshTokenTtlSeconds: z.int().min(0).max(31_536_000).default(1_209_600),
});

const noAuthSchema = z.strictObject({ type: z.literal("none") });

const timeoutSchema = z.int().min(1).max(600_000).default(60_000);

const hostSchema = z
  .string()
  .regex(
    /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d+)?$/,
    {
      message: "must be a host name (optionally *.example.com or with :port)",
    },
  );

const routeSchema = z.strictObject({
  paths: uniqueList(z.string().startsWith("/", "must start with /"), "path").refine(
    (paths) => paths.length > 0,
    "must list at least one path",
  ),
  hosts: uniqueList(hostSchema, "host"),
  /** Empty means every method. */
  methods: uniqueList(z.enum(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]), "method"),
  protocols: z
    .array(z.enum(["http", "https"]))
    .min(1, "must list http and/or https")
    .default(["http", "https"]),
  stripPath: z.boolean().default(true),
  preserveHost: z.boolean().default(false),
});

const openApiSchema = z
  .strictObject({ file: relativeFileSchema.optional(), url: httpUrlSchema.optional() })
  .refine((source) => (source.file === undefined) !== (source.url === undefined), {
    message: "give either file (in the API folder) or url, not both",
  });

/** `apis/<id>/api.yaml`. */
export const apiFileSchema = z.strictObject({
  id: idSchema,
  name: textSchema,
  summary: z.string().default(""),
  /** Markdown file in the API folder with the long description. */
  descriptionFile: relativeFileSchema.refine((file) => file.endsWith(".md"), "must be a .md file").optional(),
  tags: uniqueList(textSchema, "tag"),
  auth: z.discriminatedUnion("type", [keyAuthSchema, oauth2Schema, noAuthSchema]),
  upstream: z.strictObject({
    url: httpUrlSchema,
    connectTimeoutMs: timeoutSchema,
    readTimeoutMs: timeoutSchema,
    writeTimeoutMs: timeoutSchema,
    retries: z.int().min(0).max(32_767).default(5),
  }),
  routes: z.array(routeSchema).min(1, "must list at least one route"),
  plans: uniqueList(idSchema, "plan"),
  requiredGroup: idSchema.optional(),
  /** Listed for everyone, details and subscriptions only for members of requiredGroup. */
  partner: z.boolean().default(false),
  /** Still served, but no new subscriptions. */
  deprecated: z.boolean().default(false),
  openapi: openApiSchema.optional(),
  plugins: gatewayPluginsSchema,
});

export type ApiFile = z.output<typeof apiFileSchema>;
