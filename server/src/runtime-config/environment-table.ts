import { readFileSync } from "node:fs";
import { variables } from "./runtime-config.variables.js";

interface BridgeVariable {
  readonly name: string;
  readonly default: string | null;
  readonly description: string;
}

/** The bridge is its own workspace; its variables are listed in a JSON file its tests check against its schema. */
function bridgeVariables(): readonly BridgeVariable[] {
  const file = new URL("../../../bridge/environment-variables.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { variables: BridgeVariable[] }).variables;
}

export const TABLE_START =
  "<!-- env-table:start (generated from runtime-config.variables.ts: npm run docs:env) -->";
export const TABLE_END = "<!-- env-table:end -->";

/** Variables read by libraries, the test suite and the benchmarks, not by the portal's own code. */
export const toolingVariables = [
  {
    name: "NODE_ENV",
    default: "unset",
    description:
      "Read by libraries: `production` turns off graphql-js's development checks (about 5 % faster GraphQL); `npm run bench` sets it.",
  },
  {
    name: "TEST_DATABASE_URL",
    default: "postgres://postgres@127.0.0.1:5432/test",
    description: "Tests only: PostgreSQL server on which each test creates and drops its own database.",
  },
  {
    name: "TEST_POSTGRES_REQUIRED",
    default: "unset",
    description:
      "Tests only: `1` makes an unreachable test PostgreSQL a failure instead of skipping that half (CI sets it).",
  },
  { name: "BENCH_SECONDS", default: "5", description: "Benchmarks only: measured seconds per case." },
  {
    name: "BENCH_CONNECTIONS",
    default: "10",
    description: "Benchmarks only: concurrent connections per case.",
  },
  {
    name: "BENCH_WARMUP_SECONDS",
    default: "1",
    description: "Benchmarks only: unmeasured warm-up per case.",
  },
  {
    name: "BENCH_EVENT_DELIVERY_MEMORY_SECONDS",
    default: "60",
    description:
      "Benchmarks only: length of the event-delivery benchmark's bridge memory run at 100 events/s (600 for the 10-minute run).",
  },
  {
    name: "BENCH_KONG_SUBSCRIPTIONS",
    default: "10000",
    description:
      "Benchmarks only: approved subscriptions the Kong reconcile benchmark provisions (fewer for a quicker run).",
  },
  {
    name: "BENCH_PORTAL_LOADS",
    default: "20",
    description:
      "Benchmarks only: page loads per route and cache mode in the web portal benchmark (Largest Contentful Paint).",
  },
] as const;

/** The README's environment-variable table, rendered from the single list of variables. */
export function renderEnvironmentTable(): string {
  const rows = variables.map((v) => {
    const fallback = "default" in v ? `\`${v.default}\`` : "—";
    const fileNote = "secret" in v && v.secret ? ` Secret: may be given as \`${v.name}_FILE\`.` : "";
    return `| \`${v.name}\` | ${fallback} | ${v.description}${fileNote} |`;
  });
  for (const v of bridgeVariables()) {
    const fallback = v.default === null ? "—" : `\`${v.default}\``;
    rows.push(`| \`${v.name}\` | ${fallback} | Bridge: ${v.description} |`);
  }
  for (const v of toolingVariables) rows.push(`| \`${v.name}\` | \`${v.default}\` | ${v.description} |`);
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
