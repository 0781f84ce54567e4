import {
  benchSettings,
  compareWithBaseline,
  measure,
  startBenchPortal,
  startFixedBodyServer,
  type BenchResult,
  type Measurement,
} from "./harness.js";

export const name = "readyz";

const baseline = "node:http fixed body";

/**
 * `/readyz` (one database round trip per probe, shared between concurrent probes) against the floor of a bare
 * `node:http` server and against the portal's own `/healthz` (Fastify, request id, metrics, no I/O).
 */
export async function run(): Promise<BenchResult> {
  const settings = benchSettings();
  const measurements: Measurement[] = [];

  const bare = await startFixedBodyServer();
  try {
    measurements.push(await measure(baseline, `${bare.url}/`, settings));
  } finally {
    await bare.close();
  }

  const portal = await startBenchPortal();
  try {
    measurements.push(await measure("portal GET /healthz", `${portal.url}/healthz`, settings));
    measurements.push(await measure("portal GET /readyz (SQLite ping)", `${portal.url}/readyz`, settings));
  } finally {
    await portal.close();
  }

  return {
    name,
    description: "Operations endpoints of the portal against a bare node:http server returning a fixed body.",
    settings,
    baseline,
    cases: compareWithBaseline(measurements, baseline),
  };
}
