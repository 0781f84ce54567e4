import type { KyselyPlugin } from "kysely";

/**
 * A Kysely plugin that counts the SQL statements run through it, for tests asserting that a query's statement
 * count does not depend on how much data it returns.
 */
export function statementCounter(): { plugin: KyselyPlugin; count: () => number; reset: () => void } {
  let statements = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        statements++;
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    },
    count: () => statements,
    reset: () => {
      statements = 0;
    },
  };
}
