import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderEnvironmentTable, replaceEnvironmentTable } from "./environment-table.js";
import { variables } from "./runtime-config.variables.js";

const readmePath = new URL("../../../README.md", import.meta.url);

describe("README environment table", () => {
  it("is exactly the table generated from the variable list", () => {
    const readme = readFileSync(readmePath, "utf8");
    expect(replaceEnvironmentTable(readme), "run `npm run docs:env` to regenerate").toBe(readme);
  });

  it("lists every variable once", () => {
    const table = renderEnvironmentTable();
    for (const v of variables) expect(table.split(`| \`${v.name}\` |`).length - 1).toBe(1);
  });
});
