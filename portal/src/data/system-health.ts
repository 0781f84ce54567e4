import { client } from "../client";
import { graphql } from "../gql";
import { healthChecks, type HealthCheck, type ReadinessReport } from "./health-checks";
import { getJson } from "./rest";
import { loaded } from "./result";

export type { HealthCheck, HealthLevel } from "./health-checks";

const SystemHealthDocument = graphql(`
  query SystemHealth {
    systemHealth {
      checkedAt
      configHash
      database {
        reachable
        latencyMs
        error
      }
      eventLog {
        headSequence
        headOccurredAt
        headAgeSeconds
      }
      webhookListeners {
        id
        backlog
        lagSeconds
        failing
        consecutiveFailures
        deadLetters
        lastSuccessAt
      }
    }
  }
`);

/** Reads the readiness report (a 503 still carries it) and the health report. */
export async function loadSystemHealth(): Promise<HealthCheck[]> {
  const [readiness, health] = await Promise.all([
    getJson<ReadinessReport>("/readyz", [503]),
    client.query(SystemHealthDocument, {}, { requestPolicy: "network-only" }).toPromise(),
  ]);
  const report = loaded(health, (data) => data.systemHealth);
  return healthChecks(readiness.ok ? readiness.data : null, report.ok ? report.data : null);
}
