import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { benchSettings, repoRoot, type BenchModule, type BenchResult } from "./harness.js";
import { renderMarkdown, type BenchReport } from "./report.js";

// `npm run bench [-- NAME...]`: runs every bench/*.bench.ts (or those whose file name contains one of the NAMEs)
// one after the other, then writes bench/results/latest.json and latest.md.
const benchDir = path.join(repoRoot, "bench");
const resultsDir = path.join(benchDir, "results");

const filters = process.argv.slice(2);
const files = readdirSync(benchDir)
  .filter((file) => file.endsWith(".bench.ts"))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  process.stderr.write(`no benchmark matches ${filters.join(", ")}\n`);
  process.exit(2);
}

const settings = benchSettings();
const report: BenchReport = {
  startedAt: new Date().toISOString(),
  node: process.version,
  platform: `${os.platform()} ${os.arch()}`,
  cpus: `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? "unknown"}`,
  settings,
  results: [],
  failures: [],
};

for (const file of files) {
  const loaded = (await import(pathToFileURL(path.join(benchDir, file)).href)) as Partial<BenchModule>;
  if (typeof loaded.name !== "string" || typeof loaded.run !== "function") {
    report.failures.push({ file, error: "does not export `name` and `run()`" });
    continue;
  }
  process.stderr.write(
    `bench ${loaded.name}: ${settings.seconds}s per case, ${settings.connections} connections…\n`,
  );
  try {
    const result: BenchResult = await loaded.run();
    report.results.push(result);
  } catch (error) {
    report.failures.push({
      file,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
}

mkdirSync(resultsDir, { recursive: true });
const markdown = renderMarkdown(report);
writeFileSync(path.join(resultsDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(resultsDir, "latest.md"), markdown);
process.stdout.write(markdown);
process.stderr.write(`written: ${path.relative(process.cwd(), path.join(resultsDir, "latest.{json,md}"))}\n`);
process.exitCode = report.failures.length > 0 ? 1 : 0;
