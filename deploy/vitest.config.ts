import { defineConfig } from "vitest/config";

export default defineConfig({
  // graphql@16 ships CJS `main` and ESM `module` without `exports`; force one copy (see STACK.md).
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: {
    name: "deploy",
    include: ["tests/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
