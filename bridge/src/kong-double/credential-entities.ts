/**
 * Schemas of the consumer-owned credentials (CONTRACT.md §6; Kong 3.9 `kong/plugins/{key-auth,acl,
 * oauth2,basic-auth}/daos.lua`). None of them has `updated_at`.
 */
import { createHash, pbkdf2Sync, randomBytes } from "node:crypto";
import type { RecordSchema } from "./field-schema.js";
import { foreignField, randomToken, tagsField, timestampField, uuidField } from "./typedefs.js";

export const keyAuthSchema: RecordSchema = {
  type: "record",
  fields: {
    id: uuidField,
    created_at: timestampField,
    consumer: foreignField("consumers", true),
    key: { type: "string", required: true, generate: randomToken },
    tags: tagsField,
    ttl: { type: "integer" },
  },
};

export const aclSchema: RecordSchema = {
  type: "record",
  fields: {
    id: uuidField,
    created_at: timestampField,
    consumer: foreignField("consumers", true),
    group: { type: "string", required: true },
    tags: tagsField,
  },
};

function redirectUriCheck(uri: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return `cannot parse '${uri}'`;
  }
  if (parsed.hash !== "" || uri.includes("#")) return `fragment not allowed in '${uri}'`;
  return undefined;
}

export const oauth2CredentialSchema: RecordSchema = {
  type: "record",
  fields: {
    id: uuidField,
    created_at: timestampField,
    consumer: foreignField("consumers", true),
    name: { type: "string", required: true },
    client_id: { type: "string", required: true, generate: randomToken },
    client_secret: { type: "string", required: true, generate: randomToken },
    hash_secret: { type: "boolean", default: false, required: true },
    redirect_uris: { type: "array", elements: { type: "string", check: redirectUriCheck } },
    tags: tagsField,
    client_type: {
      type: "string",
      default: "confidential",
      required: true,
      oneOf: ["confidential", "public"],
    },
  },
};

/** `hash_secret: true` stores a PBKDF2 string instead of the secret (`kong/plugins/oauth2/secret.lua`). */
export function hashedClientSecret(secret: string): string {
  if (secret.startsWith("$pbkdf2-")) return secret;
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(secret, salt, 10000, 32, "sha512");
  return `$pbkdf2-sha512$i=10000,l=32$${salt.toString("base64url")}$${hash.toString("base64url")}`;
}

export const basicAuthSchema: RecordSchema = {
  type: "record",
  fields: {
    id: uuidField,
    created_at: timestampField,
    consumer: foreignField("consumers", true),
    username: { type: "string", required: true },
    password: { type: "string", required: true },
    tags: tagsField,
  },
};

/** basic-auth stores and returns the hex SHA-1 of password..consumer_id (`kong/plugins/basic-auth/crypto.lua`). */
export function hashedBasicAuthPassword(password: string, consumerId: string): string {
  return createHash("sha1").update(`${password}${consumerId}`).digest("hex");
}
