import { readFileSync, writeFileSync } from "node:fs";
import { replaceEnvironmentTable } from "./environment-table.js";

const readmePath = new URL("../../../README.md", import.meta.url);
writeFileSync(readmePath, replaceEnvironmentTable(readFileSync(readmePath, "utf8")));
