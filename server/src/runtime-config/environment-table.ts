import { variables } from "./runtime-config.variables.js";

export const TABLE_START =
  "<!-- env-table:start (generated from runtime-config.variables.ts: npm run docs:env) -->";
export const TABLE_END = "<!-- env-table:end -->";

/** The README's environment-variable table, rendered from the single list of variables. */
export function renderEnvironmentTable(): string {
  const rows = variables.map((v) => {
    const fallback = "default" in v ? `\`${v.default}\`` : "—";
    const fileNote = "secret" in v && v.secret ? ` Secret: may be given as \`${v.name}_FILE\`.` : "";
    return `| \`${v.name}\` | ${fallback} | ${v.description}${fileNote} |`;
  });
  return [TABLE_START, "| Variable | Default | Meaning |", "| --- | --- | --- |", ...rows, TABLE_END].join(
    "\n",
  );
}

/** Replaces the table between the markers; throws when the markers are missing. */
export function replaceEnvironmentTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error("README.md has no env-table markers");
  return readme.slice(0, start) + renderEnvironmentTable() + readme.slice(end + TABLE_END.length);
}
