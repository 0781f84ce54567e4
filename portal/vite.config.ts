import { svelte } from "@sveltejs/vite-plugin-svelte";
import { defineConfig } from "vite";
import { precompress } from "./precompress";

export default defineConfig({
  plugins: [svelte(), precompress()],
  server: { proxy: { "/graphql": { target: "http://127.0.0.1:3000", ws: true } } },
  build: { outDir: "dist", sourcemap: true },
});
