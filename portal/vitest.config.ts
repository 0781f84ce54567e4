import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [svelte()],
  resolve: { alias: { graphql: "graphql/index.js" } },
  test: { name: "portal", include: ["src/**/*.test.ts"], testTimeout: 60_000 },
});
