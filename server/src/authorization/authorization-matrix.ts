import { copyFile, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { GraphQLError } from "graphql";
import {
  execute,
  isObjectType,
  Kind,
  parse,
  subscribe,
  validate,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
} from "graphql";
import type { Kysely } from "kysely";
import { migrateToLatest } from "../database/migrator.js";
import { openSqlite } from "../database/sqlite.database.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { formatGraphQLError } from "../graphql/error-formatting.js";
import { testLogger } from "../testing/test-logger.js";
import { actorFor, type CallerFixtures, type CallerKind } from "./caller-fixtures.js";
import { testContext } from "./graphql-execution.fixture.js";

/** The codes that mean "this caller may not do this". */
export const denialCodes = [
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.INSUFFICIENT_SCOPE,
  ErrorCode.EMAIL_NOT_VERIFIED,
] as const;

export type DenialCode = (typeof denialCodes)[number];

/**
 * `"allow"`: the call is not refused (it may still fail for other reasons, e.g. NOT_FOUND or VALIDATION_FAILED);
 * `"deny"`: refused with any denial code; a denial code: refused with exactly that code.
 */
export type Expectation = "allow" | "deny" | `${DenialCode}`;

/** One way of calling an operation, with the expected outcome for every kind of caller. */
export interface OperationRow {
  /** Tells several rows of one operation apart, e.g. "another user's tokens". */
  readonly case?: string;
  /** A GraphQL document with one operation whose root field is the row's operation. */
  readonly document: string;
  /**
   * The variables, from the seeded fixtures (ids of users and tokens). Runs against the case's own copy of the
   * database, so it may also create what the operation needs.
   */
  readonly variables?: (
    fixtures: CallerFixtures,
    db: Kysely<Tables>,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>;
  readonly expect: Readonly<Record<CallerKind, Expectation>>;
}

/**
 * A noun's rows, keyed `Query.<field>`, `Mutation.<field>` or `Subscription.<field>`. Export them as
 * `authorizationRows` from `<noun>.authorization.ts` beside the noun's code; the matrix test finds them.
 */
export type AuthorizationRows = Readonly<Record<string, OperationRow | readonly OperationRow[]>>;

/** Every root field of the schema, as `Query.x`, `Mutation.y`, `Subscription.z`. */
export function operationsOf(schema: GraphQLSchema): string[] {
  const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
  return roots.flatMap((root) =>
    root && isObjectType(root) ? Object.keys(root.getFields()).map((field) => `${root.name}.${field}`) : [],
  );
}

const sourceRoot = fileURLToPath(new URL("..", import.meta.url));

async function findRowFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return findRowFiles(full);
      return entry.name.endsWith(".authorization.ts") ? [full] : [];
    }),
  );
  return nested.flat().sort();
}

export interface DiscoveredRows {
  /** Operation → rows, with the file each came from. */
  readonly rows: ReadonlyMap<string, { readonly file: string; readonly rows: readonly OperationRow[] }>;
  /** Problems with the row files themselves (missing export, an operation in two files). */
  readonly problems: readonly string[];
}

/** Loads every `server/src/**\/*.authorization.ts` and merges their `authorizationRows`. */
export async function discoverAuthorizationRows(): Promise<DiscoveredRows> {
  const rows = new Map<string, { file: string; rows: readonly OperationRow[] }>();
  const problems: string[] = [];
  for (const file of await findRowFiles(sourceRoot)) {
    const relative = path.relative(sourceRoot, file);
    const module = (await import(pathToFileURL(file).href)) as { authorizationRows?: AuthorizationRows };
    if (!module.authorizationRows) {
      problems.push(`${relative} does not export authorizationRows`);
      continue;
    }
    for (const [operation, value] of Object.entries(module.authorizationRows)) {
      const existing = rows.get(operation);
      if (existing) {
        problems.push(
          `${operation} has rows in both ${existing.file} and ${relative}; keep them in one file`,
        );
        continue;
      }
      rows.set(operation, { file: relative, rows: Array.isArray(value) ? value : [value as OperationRow] });
    }
  }
  return { rows, problems };
}

/** What happened when a caller ran an operation. */
export type CaseOutcome =
  | { readonly kind: "allowed"; readonly code: string | null }
  | { readonly kind: "denied"; readonly code: DenialCode; readonly message: string }
  | { readonly kind: "broken"; readonly reason: string };

export function matches(expectation: Expectation, outcome: CaseOutcome): boolean {
  if (expectation === "allow") return outcome.kind === "allowed";
  if (outcome.kind !== "denied") return false;
  return expectation === "deny" || expectation === String(outcome.code);
}

export function describeOutcome(outcome: CaseOutcome): string {
  switch (outcome.kind) {
    case "allowed":
      return outcome.code === null ? "allowed (no error)" : `allowed (failed later with ${outcome.code})`;
    case "denied":
      return `denied with ${outcome.code} ("${outcome.message}")`;
    case "broken":
      return `a broken case: ${outcome.reason}`;
  }
}

function isDenialCode(code: unknown): code is DenialCode {
  return (denialCodes as readonly unknown[]).includes(code);
}

/** Classifies the errors of a result the way the API reports them to clients. */
function classify(errors: readonly GraphQLError[] | undefined): CaseOutcome {
  if (!errors || errors.length === 0) return { kind: "allowed", code: null };
  const formatted = errors.map((error) => ({ error, formatted: formatGraphQLError(error.toJSON(), error) }));
  const denial = formatted.find(({ formatted: f }) => isDenialCode(f.extensions?.code));
  if (denial) {
    return {
      kind: "denied",
      code: denial.formatted.extensions?.code as DenialCode,
      message: denial.formatted.message,
    };
  }
  const unexpected = formatted.find(({ formatted: f }) =>
    [ErrorCode.INTERNAL, ErrorCode.BAD_REQUEST].includes(f.extensions?.code as ErrorCode),
  );
  if (unexpected) {
    const cause = unexpected.error.originalError ?? unexpected.error;
    return { kind: "broken", reason: `${unexpected.formatted.extensions?.code as string}: ${cause.message}` };
  }
  return { kind: "allowed", code: String(formatted[0]?.formatted.extensions?.code) };
}

/** Checks that the document is valid and targets the operation; returns the parsed document. */
export function checkRowDocument(schema: GraphQLSchema, operation: string, row: OperationRow): DocumentNode {
  const [rootName, fieldName] = operation.split(".");
  const document = parse(row.document);
  const errors = validate(schema, document);
  if (errors.length > 0) {
    throw new Error(`the document of ${operation} is invalid: ${errors.map((e) => e.message).join("; ")}`);
  }
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const [definition] = operations;
  const expectedType = { Query: "query", Mutation: "mutation", Subscription: "subscription" }[rootName ?? ""];
  const targets =
    operations.length === 1 &&
    definition !== undefined &&
    definition.operation === expectedType &&
    definition.selectionSet.selections.some((s) => s.kind === Kind.FIELD && s.name.value === fieldName);
  if (!targets)
    throw new Error(`the document of ${operation} must be one ${expectedType} selecting ${fieldName}`);
  return document;
}

/**
 * A seeded SQLite database that cases copy, so that every case starts from the same state and may change it.
 */
export class MatrixDatabase {
  private constructor(
    private readonly dir: string,
    private readonly template: string,
    readonly fixtures: CallerFixtures,
  ) {}

  static async create(seed: (db: Kysely<Tables>) => Promise<CallerFixtures>): Promise<MatrixDatabase> {
    const dir = await mkdtemp(path.join(tmpdir(), "authorization-matrix-"));
    const template = path.join(dir, "template.sqlite");
    const handle = openSqlite(template, testLogger());
    try {
      await migrateToLatest(handle, testLogger());
      const fixtures = await seed(handle.db);
      return new MatrixDatabase(dir, template, fixtures);
    } finally {
      // Closing checkpoints the WAL into the file, so copying the file copies everything.
      await handle.close();
    }
  }

  /** Runs `work` on a fresh copy of the seeded database. */
  async withCopy<T>(work: (db: Kysely<Tables>) => Promise<T>): Promise<T> {
    const copy = path.join(await mkdtemp(path.join(this.dir, "case-")), "portal.sqlite");
    await copyFile(this.template, copy);
    const handle = openSqlite(copy, testLogger());
    try {
      return await work(handle.db);
    } finally {
      await handle.close();
      await rm(path.dirname(copy), { recursive: true, force: true });
    }
  }

  remove(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true });
  }
}

/**
 * Runs one row as one caller through the real schema and services: resolve the caller's credential (which may
 * already refuse it), build the request context, execute (or subscribe), classify the errors.
 */
export async function runCase(
  schema: GraphQLSchema,
  database: MatrixDatabase,
  operation: string,
  row: OperationRow,
  caller: CallerKind,
): Promise<CaseOutcome> {
  const document = checkRowDocument(schema, operation, row);
  const { fixtures } = database;
  return database.withCopy(async (db) => {
    const variableValues = row.variables ? await row.variables(fixtures, db) : {};
    let actor;
    try {
      actor = await actorFor(db, fixtures, caller);
    } catch (error) {
      if (error instanceof DomainError && isDenialCode(error.code)) {
        return { kind: "denied", code: error.code, message: error.message };
      }
      throw error;
    }
    const contextValue = testContext(db, fixtures, actor, () => fixtures.now);
    const args = { schema, document, contextValue, variableValues };
    if (operation.startsWith("Subscription.")) {
      const result = await subscribe(args);
      if (Symbol.asyncIterator in result) {
        await result.return?.();
        return { kind: "allowed", code: null };
      }
      return classify(result.errors);
    }
    const result: ExecutionResult = await execute(args);
    return classify(result.errors);
  });
}
