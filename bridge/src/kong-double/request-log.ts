/**
 * What the double received, for assertions and benchmarks: every request with its answer, and
 * counters of reads (GET, HEAD) and writes (POST, PUT, PATCH, DELETE).
 */
export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  status: number;
  /** Set when a fault answered or dropped the request. */
  fault?: "error" | "drop";
}

export interface RequestCounts {
  reads: number;
  writes: number;
  total: number;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private counted: RequestCounts = { reads: 0, writes: 0, total: 0 };

  record(entry: LoggedRequest): void {
    this.entries.push(entry);
    this.counted.total += 1;
    if (WRITES.has(entry.method)) this.counted.writes += 1;
    else if (entry.method === "GET" || entry.method === "HEAD") this.counted.reads += 1;
  }

  get requests(): readonly LoggedRequest[] {
    return this.entries;
  }

  get counts(): RequestCounts {
    return { ...this.counted };
  }

  clear(): void {
    this.entries = [];
    this.counted = { reads: 0, writes: 0, total: 0 };
  }
}
