/**
 * Field definitions shared by several entities (`kong/db/schema/typedefs.lua`), with Kong's messages.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type { ArrayField, EntityName, ForeignField, IntegerField, StringField } from "./field-schema.js";

const TAG = /^[\x20-\x2B\x2D\x2E\x30-\x7E\u0080-\u{10FFFF}]+$/u;
const UTF8_NAME = /^[A-Za-z0-9._~\-\u0080-\u{10FFFF}]+$/u;
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export const uuidField: StringField = { type: "string", generate: () => randomUUID() };
export const timestampField: IntegerField = { type: "integer", generate: nowSeconds };

export function isValidTag(tag: string): boolean {
  return TAG.test(tag);
}

export const tagsField: ArrayField = {
  type: "set",
  elements: {
    type: "string",
    check: (tag) =>
      isValidTag(tag)
        ? undefined
        : `invalid tag '${tag}': expected printable ascii (except \`,\` and \`/\`) or valid utf-8 sequences`,
  },
};

export const utf8NameField: StringField = {
  type: "string",
  check: (name) =>
    UTF8_NAME.test(name)
      ? undefined
      : `invalid value '${name}': the only accepted ascii characters are alphanumerics or ., -, _, and ~`,
};

export function foreignField(reference: EntityName, required = false): ForeignField {
  return { type: "foreign", reference, required };
}

/** 32 characters of `[A-Za-z0-9]`, like Kong's generated keys, client ids and secrets. */
export function randomToken(): string {
  return Array.from(randomBytes(32), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join("");
}

const HOSTNAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

export const hostField: StringField = {
  type: "string",
  check: (host) => {
    if (/:\d+$/.test(host) && !host.startsWith("[")) return "must not have a port";
    return HOSTNAME.test(host) || IPV4.test(host) || /^\[[0-9a-fA-F:.]+\]$/.test(host)
      ? undefined
      : `invalid value: ${host}`;
  },
};

export const timeoutField: IntegerField = { type: "integer", default: 60000, between: [1, 2 ** 31 - 2] };
