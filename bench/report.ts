import type { BenchResult, BenchSettings } from "./harness.js";

/** Content of bench/results/latest.json. */
export interface BenchReport {
  readonly startedAt: string;
  readonly node: string;
  readonly platform: string;
  readonly cpus: string;
  readonly settings: BenchSettings;
  readonly results: BenchResult[];
  readonly failures: { readonly file: string; readonly error: string }[];
}

/** Content of bench/results/latest.md: one table per benchmark. */
export function renderMarkdown(report: BenchReport): string {
  const lines = [
    `# Benchmarks, ${report.startedAt}`,
    "",
    `Node ${report.node}, ${report.platform}, ${report.cpus}. ` +
      `${report.settings.seconds} s per case after ${report.settings.warmupSeconds} s warm-up, ` +
      `${report.settings.connections} connections, autocannon in a separate process.`,
    "",
    "CPU µs/req: server-process CPU time per request (steadier than req/s on a busy machine). " +
      "Mean ms: connections ÷ throughput. p50/p99: autocannon, whole milliseconds rounded down. " +
      "Memory: peak of the whole benchmark process, which hosts every server of the run.",
    "",
  ];
  for (const result of report.results) {
    lines.push(`## ${result.name}`, "", result.description, "");
    for (const table of result.tables ?? []) {
      lines.push(`### ${table.title}`, "", `| ${table.columns.join(" | ")} |`);
      lines.push(`|${table.columns.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`);
      for (const row of table.rows) lines.push(`| ${row.join(" | ")} |`);
      lines.push("");
    }
    if (result.cases.length === 0) continue;
    lines.push(
      "| case | req/s | vs baseline | CPU µs/req | mean ms | p50 ms | p99 ms | errors | non-2xx | peak RSS MiB | peak heap MiB |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const c of result.cases) {
      const label = c.label === result.baseline ? `${c.label} (baseline)` : c.label;
      lines.push(
        `| ${label} | ${c.requestsPerSec} | ${c.ratioToBaseline.toFixed(2)} | ${c.cpuMicrosPerRequest} | ` +
          `${c.latencyMeanMs} | ${c.latencyP50Ms} | ` +
          `${c.latencyP99Ms} | ${c.errors} | ${c.non2xx} | ${c.peakRssMiB} | ${c.peakHeapUsedMiB} |`,
      );
    }
    lines.push("");
  }
  for (const failure of report.failures) {
    lines.push(`## FAILED: ${failure.file}`, "", "```", failure.error, "```", "");
  }
  return `${lines.join("\n")}`;
}
