#!/usr/bin/env node
// Entry point of the `portal` command: runs the TypeScript CLI through tsx in this same process.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
