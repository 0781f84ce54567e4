import type { ReconcileReport } from "./kong-reconciler.js";

/** The adapter's counters, exposed in the Prometheus text format on `GET /metrics`. */
export class KongAdapterMetrics {
  private readonly reconciles = new Map<string, number>();
  private readonly operations = { create: 0, update: 0, delete: 0 };
  private driftTotal = 0;
  private lastDrift = 0;
  private receiptsProvisioned = 0;
  private receiptsFailed = 0;
  private lastFullAt: number | null = null;

  recordReconcile(report: ReconcileReport): void {
    const outcome = report.failed.length > 0 ? "partial" : "ok";
    this.bump(`${report.kind}|${outcome}`);
    if (report.dryRun) return;
    const applied = report.failed.length === 0 ? report.summary : null;
    if (applied)
      for (const action of ["create", "update", "delete"] as const)
        this.operations[action] += applied[action];
    this.driftTotal += report.drift;
    if (report.kind === "full") {
      this.lastDrift = report.drift;
      this.lastFullAt = Date.now() / 1000;
    }
    this.receiptsProvisioned += report.receipts.provisioned;
    this.receiptsFailed += report.receipts.failed;
  }

  recordFailure(kind: "full" | "incremental"): void {
    this.bump(`${kind}|error`);
  }

  render(calls: { reads: number; writes: number }, healthy: boolean): string {
    const lines = [
      "# HELP kong_adapter_reconciles_total Reconciles by kind and outcome.",
      "# TYPE kong_adapter_reconciles_total counter",
      ...[...this.reconciles].map(([key, count]) => {
        const [kind, outcome] = key.split("|");
        return `kong_adapter_reconciles_total{kind="${kind}",outcome="${outcome}"} ${count}`;
      }),
      "# HELP kong_adapter_operations_total Admin API changes applied, by action.",
      "# TYPE kong_adapter_operations_total counter",
      ...Object.entries(this.operations).map(
        ([action, n]) => `kong_adapter_operations_total{action="${action}"} ${n}`,
      ),
      "# HELP kong_adapter_drift_objects_total Objects found changed in Kong outside the portal (and repaired).",
      "# TYPE kong_adapter_drift_objects_total counter",
      `kong_adapter_drift_objects_total ${this.driftTotal}`,
      "# HELP kong_adapter_drift_objects Objects found drifted by the last full reconcile.",
      "# TYPE kong_adapter_drift_objects gauge",
      `kong_adapter_drift_objects ${this.lastDrift}`,
      "# HELP kong_adapter_admin_api_calls_total Kong Admin API calls by type.",
      "# TYPE kong_adapter_admin_api_calls_total counter",
      `kong_adapter_admin_api_calls_total{type="read"} ${calls.reads}`,
      `kong_adapter_admin_api_calls_total{type="write"} ${calls.writes}`,
      "# HELP kong_adapter_receipts_total Provisioning receipts sent to the portal.",
      "# TYPE kong_adapter_receipts_total counter",
      `kong_adapter_receipts_total{status="provisioned"} ${this.receiptsProvisioned}`,
      `kong_adapter_receipts_total{status="provisioning_failed"} ${this.receiptsFailed}`,
      "# HELP kong_adapter_last_full_reconcile_timestamp_seconds When the last full reconcile finished.",
      "# TYPE kong_adapter_last_full_reconcile_timestamp_seconds gauge",
      `kong_adapter_last_full_reconcile_timestamp_seconds ${this.lastFullAt ?? 0}`,
      "# HELP kong_adapter_healthy 1 when Kong answered the last reconcile, 0 otherwise.",
      "# TYPE kong_adapter_healthy gauge",
      `kong_adapter_healthy ${healthy ? 1 : 0}`,
    ];
    return `${lines.join("\n")}\n`;
  }

  private bump(key: string): void {
    this.reconciles.set(key, (this.reconciles.get(key) ?? 0) + 1);
  }
}
