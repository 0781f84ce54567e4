import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startPortal } from "../server/src/app/start-portal.js";
import { createLogger } from "../server/src/observability/logger.js";
import { readProcessEnvironment, type Environment } from "../server/src/runtime-config/environment.js";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** How long and how hard every case is driven; from `BENCH_SECONDS`, `BENCH_CONNECTIONS`, `BENCH_WARMUP_SECONDS`. */
export interface BenchSettings {
  readonly seconds: number;
  readonly connections: number;
  readonly warmupSeconds: number;
}

/** One load run against one URL. */
export interface Measurement {
  readonly label: string;
  readonly url: string;
  readonly requestsPerSec: number;
  readonly totalRequests: number;
  /** connections / throughput (Little's law): autocannon's own mean is computed from whole milliseconds. */
  readonly latencyMeanMs: number;
  /** Percentiles as autocannon reports them: whole milliseconds, rounded down (0 means under 1 ms). */
  readonly latencyP50Ms: number;
  readonly latencyP99Ms: number;
  /**
   * CPU time (user + system) the server process spent per request during the run, in microseconds. Less sensitive
   * than throughput to other load on a shared machine, so the better number for before/after comparisons.
   */
  readonly cpuMicrosPerRequest: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  /** Responses outside 2xx; a case with any of them measured something else than intended. */
  readonly non2xx: number;
  /** Peak resident set size of the server process during the run, MiB. */
  readonly peakRssMiB: number;
  /** Peak V8 heap used by the server process during the run, MiB. */
  readonly peakHeapUsedMiB: number;
}

export interface BenchCase extends Measurement {
  /** requests/s of this case divided by the baseline's, measured in the same run. */
  readonly ratioToBaseline: number;
}

export interface BenchResult {
  readonly name: string;
  readonly description: string;
  readonly settings: BenchSettings;
  /** Label of the case the ratios are relative to. */
  readonly baseline: string;
  readonly cases: readonly BenchCase[];
  /** Figures that are not HTTP load runs (e.g. end-to-end latencies, memory over time), one table each. */
  readonly tables?: readonly BenchTable[];
}

export interface BenchTable {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/** What every `bench/*.bench.ts` module exports. */
export interface BenchModule {
  readonly name: string;
  run(): Promise<BenchResult>;
}

export interface RunningTarget {
  readonly url: string;
  close(): Promise<void>;
}

export function benchSettings(env: Environment = readProcessEnvironment()): BenchSettings {
  return {
    seconds: positiveNumber(env, "BENCH_SECONDS", 5),
    connections: positiveNumber(env, "BENCH_CONNECTIONS", 10),
    warmupSeconds: positiveNumber(env, "BENCH_WARMUP_SECONDS", 1),
  };
}

/** A positive integer setting from the environment, `fallback` when unset. */
export function positiveNumber(env: Environment, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name}=${JSON.stringify(raw)}: must be a positive integer`);
  return value;
}

/**
 * Starts the real portal in this process (the same `startPortal` as `npm start`) on an ephemeral port, with the
 * sample static configuration and a fresh SQLite database in a temporary directory that `close()` removes.
 */
export async function startBenchPortal(overrides: Environment = {}): Promise<RunningTarget> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "portal-bench-"));
  try {
    const portal = await startPortal({
      env: { HOST: "127.0.0.1", PORT: "0", PORTAL_DATA_DIR: dataDir, LOG_LEVEL: "warn", ...overrides },
      cwd: repoRoot,
      logger: createLogger({ level: "warn" }),
    });
    return {
      url: portal.url,
      close: async () => {
        await portal.close();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** The floor: a bare `node:http` server answering every request with the same body (a small JSON by default). */
export async function startFixedBodyServer(
  body: Buffer = Buffer.from(JSON.stringify({ status: "ok" })),
  contentType = "application/json; charset=utf-8",
): Promise<RunningTarget> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      "content-type": contentType,
      "content-length": body.length,
    });
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

const autocannonCli = createRequire(import.meta.url).resolve("autocannon/autocannon.js");
const perRequestBodyDriver = path.join(repoRoot, "bench", "drivers", "per-request-body.driver.ts");

interface AutocannonJson {
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly latency: { readonly p50: number; readonly p99: number };
  readonly requests: { readonly average: number; readonly total: number };
  /** Only from the per-request-body driver: values taken from `perRequest.values`. */
  readonly valuesUsed?: number;
  /** Only from the per-request-body driver: the values ran out before the time was up. */
  readonly exhausted?: boolean;
  /** Only from the per-request-body driver: 2xx responses whose body carried GraphQL `errors`. */
  readonly graphqlErrors?: number;
  readonly firstErrors?: readonly string[];
}

/**
 * Drives `url` with autocannon in a separate process (so the load generator does not compete with the server for
 * this event loop): first an unrecorded warm-up, then the measured run, sampling this process's memory meanwhile.
 */
export async function measure(
  label: string,
  target: string | HttpTarget,
  settings: BenchSettings,
): Promise<Measurement> {
  const request: HttpTarget = typeof target === "string" ? { url: target } : target;
  const url = request.url;
  // Per-request values are used once each: the measured run continues where the warm-up stopped.
  const warmup = await runAutocannon(request, settings.warmupSeconds, settings.connections);
  const measured = request.perRequest
    ? {
        ...request,
        perRequest: { ...request.perRequest, values: request.perRequest.values.slice(warmup.valuesUsed) },
      }
    : request;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  sample();
  const sampler = setInterval(sample, 100);
  try {
    const cpuBefore = process.cpuUsage();
    const result = await runAutocannon(measured, settings.seconds, settings.connections);
    const cpu = process.cpuUsage(cpuBefore);
    sample();
    const requestsPerSec = Math.round(result.requests.average);
    return {
      label,
      url,
      requestsPerSec,
      totalRequests: result.requests.total,
      latencyMeanMs: requestsPerSec === 0 ? 0 : round((settings.connections * 1000) / requestsPerSec, 3),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      cpuMicrosPerRequest:
        result.requests.total === 0 ? 0 : round((cpu.user + cpu.system) / result.requests.total, 1),
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx + (result.graphqlErrors ?? 0),
      peakRssMiB: round(peakRss / 2 ** 20, 1),
      peakHeapUsedMiB: round(peakHeap / 2 ** 20, 1),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** A request to drive: GET by default, or a POST with headers and body (GraphQL operations). */
export interface HttpTarget {
  readonly url: string;
  readonly method?: "GET" | "POST";
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /**
   * Makes every request's body different: `body` is a template in which `placeholder` is replaced by the next of
   * `values`, each used once over the warm-up and the measured run (`bench/drivers/per-request-body.driver.ts`).
   * Responses carrying GraphQL `errors` then count as non-2xx, and running out of values fails the case.
   */
  readonly perRequest?: { readonly placeholder: string; readonly values: readonly string[] };
}

async function runAutocannon(
  target: HttpTarget,
  seconds: number,
  connections: number,
): Promise<AutocannonJson> {
  if (target.perRequest === undefined) return runAutocannonCli(target, seconds, connections);
  const result = await runChild(
    ["--import", "tsx/esm", perRequestBodyDriver],
    JSON.stringify({
      url: target.url,
      method: target.method ?? "POST",
      headers: target.headers ?? {},
      bodyTemplate: target.body ?? "",
      placeholder: target.perRequest.placeholder,
      values: target.perRequest.values,
      seconds,
      connections,
    }),
  );
  if (result.exhausted) {
    throw new Error(
      `${target.url}: the ${target.perRequest.values.length} per-request values ran out after ${result.valuesUsed} requests; provide more`,
    );
  }
  if (result.graphqlErrors) {
    process.stderr.write(
      `${target.url}: ${result.graphqlErrors} responses with GraphQL errors, e.g. ${result.firstErrors?.[0] ?? ""}\n`,
    );
  }
  return result;
}

function runAutocannonCli(target: HttpTarget, seconds: number, connections: number): Promise<AutocannonJson> {
  const requestArgs = [
    ...(target.method ? ["-m", target.method] : []),
    ...Object.entries(target.headers ?? {}).flatMap(([name, value]) => ["-H", `${name}=${value}`]),
    ...(target.body === undefined ? [] : ["-b", target.body]),
  ];
  return runChild([
    autocannonCli,
    "--json",
    "--no-progress",
    "-c",
    String(connections),
    "-d",
    String(seconds),
    ...requestArgs,
    target.url,
  ]);
}

/** Runs an autocannon process (the CLI or a driver) with `input` on its stdin, and parses the JSON it prints. */
function runChild(nodeArgs: readonly string[], input?: string): Promise<AutocannonJson> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: repoRoot,
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    if (input !== undefined) child.stdin?.end(input);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${stderr.trim()}`));
      try {
        resolve(JSON.parse(stdout) as AutocannonJson);
      } catch {
        reject(
          new Error(`autocannon printed no JSON result: ${stdout.slice(0, 200)} ${stderr.slice(0, 200)}`),
        );
      }
    });
  });
}

/** Adds each case's throughput ratio against the case labelled `baseline`. */
export function compareWithBaseline(measurements: readonly Measurement[], baseline: string): BenchCase[] {
  const reference = measurements.find((m) => m.label === baseline);
  if (reference === undefined) throw new Error(`baseline case "${baseline}" was not measured`);
  return measurements.map((m) => ({
    ...m,
    ratioToBaseline:
      reference.requestsPerSec === 0 ? 0 : round(m.requestsPerSec / reference.requestsPerSec, 3),
  }));
}

/** The `q` quantile (0..1) of `values` by the nearest-rank method; NaN when there are none. */
export function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
