import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [svelte()],
  server: { proxy: { "/graphql": { target: "http://127.0.0.1:3000", ws: true } } },
  build: { outDir: "dist", sourcemap: true },
});
