import { z } from "zod";
import type { AccessScope } from "../actor/actor.js";
import { sha256, type ServiceAccount } from "./service-account.js";

export const MIN_SERVICE_TOKEN_LENGTH = 32;

const idPattern = /^[a-z][a-z0-9-]{0,62}$/;
/** Printable ASCII without spaces; the compact form also excludes the comma that separates entries. */
const tokenPattern = /^[\x21-\x7e]+$/;
const scopes: Readonly<Record<string, AccessScope>> = { read: "read", "read-write": "write" };

/** One entry as written, before validation, or why it could not even be split into its parts. */
type RawEntry =
  { readonly id: unknown; readonly scope: unknown; readonly token: unknown } | { readonly problem: string };

/**
 * `PORTAL_SERVICE_ACCOUNTS`: either the compact form `id:scope:token[,id:scope:token…]`, or a JSON array
 * `[{"id": "...", "scope": "read" | "read-write", "token": "..."}]`. Every problem is reported in one message that
 * names the entry and never contains a token.
 */
export function parseServiceAccounts(value: string): { accounts: ServiceAccount[]; problems: string[] } {
  const trimmed = value.trim();
  const parsed = /^[[{]/.test(trimmed) ? jsonEntries(trimmed) : compactEntries(trimmed);
  if (typeof parsed === "string") return { accounts: [], problems: [parsed] };
  const accounts: ServiceAccount[] = [];
  const problems: string[] = [];
  const seenIds = new Set<string>();
  const seenTokens = new Map<string, string>();
  parsed.forEach((entry, index) => {
    if ("problem" in entry) {
      problems.push(`entry ${index + 1}: ${entry.problem}`);
      return;
    }
    const label =
      typeof entry.id === "string" && entry.id !== ""
        ? `entry ${index + 1} ("${entry.id}")`
        : `entry ${index + 1}`;
    const entryProblems: string[] = [];
    if (typeof entry.id !== "string" || !idPattern.test(entry.id)) {
      entryProblems.push("id must be lower-case letters, digits and dashes, starting with a letter");
    } else if (seenIds.has(entry.id)) {
      entryProblems.push(`id "${entry.id}" is listed more than once`);
    }
    const scope = typeof entry.scope === "string" ? scopes[entry.scope] : undefined;
    if (scope === undefined) entryProblems.push(`scope must be "read" or "read-write"`);
    const token = typeof entry.token === "string" ? entry.token : "";
    if (token.length < MIN_SERVICE_TOKEN_LENGTH) {
      entryProblems.push(`token must be at least ${MIN_SERVICE_TOKEN_LENGTH} characters`);
    } else if (!tokenPattern.test(token)) {
      entryProblems.push("token may contain only printable ASCII characters without spaces");
    } else if (token.startsWith("pat_")) {
      entryProblems.push('token must not start with "pat_" (that prefix marks personal access tokens)');
    } else if (seenTokens.has(token)) {
      entryProblems.push(`token is the same as the token of "${seenTokens.get(token)}"`);
    }
    if (typeof entry.id === "string") seenIds.add(entry.id);
    if (token !== "" && typeof entry.id === "string") seenTokens.set(token, entry.id);
    if (entryProblems.length > 0 || typeof entry.id !== "string" || scope === undefined) {
      problems.push(`${label}: ${entryProblems.join(", ")}`);
      return;
    }
    accounts.push(Object.freeze({ id: entry.id, scope, tokenSha256: sha256(token) }));
  });
  return { accounts, problems };
}

function compactEntries(value: string): RawEntry[] {
  return value.split(",").map((part) => {
    const item = part.trim();
    const first = item.indexOf(":");
    const second = first < 0 ? -1 : item.indexOf(":", first + 1);
    if (second < 0) return { problem: "expected <id>:<read|read-write>:<token>" };
    return { id: item.slice(0, first), scope: item.slice(first + 1, second), token: item.slice(second + 1) };
  });
}

/** The entries, or one problem with the whole value. */
function jsonEntries(value: string): RawEntry[] | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // JSON.parse messages quote the input, which contains tokens; report the bare fact only.
    return "is not valid JSON";
  }
  if (!Array.isArray(parsed)) return "must be a JSON array of service accounts";
  return parsed.map((item: unknown): RawEntry => {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return { problem: "must be an object with id, scope and token" };
    }
    const record = item as Record<string, unknown>;
    const unknownKeys = Object.keys(record).filter((key) => !["id", "scope", "token"].includes(key));
    if (unknownKeys.length > 0) return { problem: `unknown key(s) ${unknownKeys.join(", ")}` };
    return { id: record.id, scope: record.scope, token: record.token };
  });
}

/** The zod schema of the variable: turns the text into frozen {@link ServiceAccount}s, or fails naming each problem. */
export const serviceAccountsSchema = z.string().transform((value, context): readonly ServiceAccount[] => {
  const { accounts, problems } = parseServiceAccounts(value);
  if (problems.length > 0) {
    context.addIssue({ code: "custom", message: problems.join("; ") });
    return z.NEVER;
  }
  return Object.freeze(accounts);
});
