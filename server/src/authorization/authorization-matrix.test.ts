import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPortalSchema } from "../graphql/schema.js";
import {
  describeOutcome,
  discoverAuthorizationRows,
  matches,
  MatrixDatabase,
  operationsOf,
  runCase,
} from "./authorization-matrix.js";
import { callerKinds, seedCallers } from "./caller-fixtures.js";

/**
 * The authorization matrix: every query, mutation and subscription of the built schema, run as every kind of
 * caller through the real schema and services on a real SQLite database, against the expectations in the nouns'
 * `*.authorization.ts` files. See docs/graphql-conventions.md ("Testing authorization").
 */
const schema = await buildPortalSchema();
const operations = operationsOf(schema);
const discovered = await discoverAuthorizationRows();
const now = new Date("2026-06-01T12:00:00.000Z");

describe("authorization matrix", () => {
  it("has rows for every operation of the schema, and only for those", () => {
    const missing = operations.filter((operation) => !discovered.rows.has(operation));
    const stale = [...discovered.rows.keys()].filter((operation) => !operations.includes(operation));
    const problems = [
      ...discovered.problems,
      ...(missing.length === 0
        ? []
        : [
            `These operations have no row in the authorization matrix:\n${missing.map((m) => `  - ${m}`).join("\n")}\n` +
              "Add a row (the expected allow/deny for each of: " +
              `${callerKinds.join(", ")}) to the noun's <noun>.authorization.ts, exported as authorizationRows.`,
          ]),
      ...stale.map((operation) => `${operation} has a row but is not in the schema; remove the row`),
    ];
    expect(problems.join("\n\n"), problems.join("\n\n")).toBe("");
  });

  it("has an expectation for every kind of caller in every row", () => {
    const incomplete = [...discovered.rows].flatMap(([operation, { file, rows }]) =>
      rows.flatMap((row) => {
        const absent = callerKinds.filter((kind) => !(kind in row.expect));
        return absent.length === 0
          ? []
          : [`${file}: ${operation}${row.case ? ` (${row.case})` : ""}: ${absent.join(", ")}`];
      }),
    );
    expect(incomplete).toEqual([]);
  });

  it("expects every mutation to refuse read-only tokens with INSUFFICIENT_SCOPE", () => {
    const lenient = [...discovered.rows]
      .filter(([operation]) => operation.startsWith("Mutation."))
      .flatMap(([operation, { file, rows }]) =>
        rows
          .filter((row) => row.expect.readOnlyToken !== "INSUFFICIENT_SCOPE")
          .map(
            (row) => `${file}: ${operation}${row.case ? ` (${row.case})` : ""}: ${row.expect.readOnlyToken}`,
          ),
      );
    expect(lenient).toEqual([]);
  });

  let database: MatrixDatabase;
  beforeAll(async () => {
    database = await MatrixDatabase.create((db) => seedCallers(db, now));
  });
  afterAll(async () => {
    await database.remove();
  });

  for (const operation of operations) {
    const entry = discovered.rows.get(operation);
    if (!entry) continue;
    for (const row of entry.rows) {
      describe(`${operation}${row.case ? ` (${row.case})` : ""}`, () => {
        for (const caller of callerKinds) {
          const expectation = row.expect[caller];
          it(`${caller}: ${expectation}`, async () => {
            const outcome = await runCase(schema, database, operation, row, caller);
            expect(
              matches(expectation, outcome),
              `${operation} as ${caller}: expected ${expectation}, but it was ${describeOutcome(outcome)} (rows in ${entry.file})`,
            ).toBe(true);
          });
        }
      });
    }
  }
});
