import { setTimeout as sleep } from "node:timers/promises";
import { backoffDelay } from "../backoff.js";

/** A failed Admin API call. `retryable`: Kong or the network failed (5xx, 429, refused, timeout), not our request. */
export class KongAdminError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number | null,
    /** Kong's own message (`message` of its error body), or the network error. */
    readonly kongMessage: string,
    readonly retryable: boolean,
    readonly body: unknown = null,
  ) {
    super(`Kong ${method} ${path} ${status === null ? "failed" : `answered ${status}`}: ${kongMessage}`);
    this.name = "KongAdminError";
  }
}

export interface KongRetryPolicy {
  /** Attempts per call (1 = no retry). */
  readonly attempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly timeoutMs: number;
}

export interface KongCallCounts {
  reads: number;
  writes: number;
}

interface KongPage {
  readonly data: readonly Record<string, unknown>[];
  readonly next: string | null;
}

const PAGE_SIZE = 1000;

/** The Kong Admin API over `fetch`, JSON only, with retries and backoff for Kong's and the network's failures. */
export class KongAdminClient {
  /** Calls sent (each retry counts), for statistics and benchmarks. */
  readonly counts: KongCallCounts = { reads: 0, writes: 0 };
  private readonly baseUrl: string;

  constructor(
    baseUrl: string,
    private readonly retry: KongRetryPolicy,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
  }

  /** One call; resolves with the status and parsed body, or throws a KongAdminError (after the retries). */
  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once(method, path, body);
      } catch (error) {
        const failure = error as KongAdminError;
        if (!failure.retryable || attempt >= this.retry.attempts) throw failure;
        await sleep(backoffDelay(attempt, this.retry.backoffBaseMs, this.retry.backoffMaxMs));
      }
    }
  }

  /** GET of one entity; null when Kong answers 404. */
  async find(path: string): Promise<Record<string, unknown> | null> {
    try {
      return (await this.call("GET", path)).body as Record<string, unknown>;
    } catch (error) {
      if (error instanceof KongAdminError && error.status === 404) return null;
      throw error;
    }
  }

  /** Every entity of a collection, following `next` (pages of 1000, Kong's maximum). */
  async list(path: string, query: Record<string, string> = {}): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    const search = new URLSearchParams({ size: String(PAGE_SIZE), ...query });
    let next: string | null = `${path}?${search.toString()}`;
    while (next !== null) {
      const page = (await this.call("GET", next)).body as KongPage;
      items.push(...page.data);
      next = page.next ?? null;
    }
    return items;
  }

  private async once(
    method: string,
    path: string,
    body: unknown,
  ): Promise<{ status: number; body: unknown }> {
    if (method === "GET" || method === "HEAD") this.counts.reads++;
    else this.counts.writes++;
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.retry.timeoutMs),
      });
    } catch (cause) {
      const reason = (cause as Error & { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
      throw new KongAdminError(method, path, null, `Kong is unreachable (${reason})`, true);
    }
    const text = await response.text();
    let parsed: unknown = null;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    if (response.ok || response.status === 304) return { status: response.status, body: parsed };
    const message =
      parsed !== null && typeof parsed === "object" && "message" in parsed
        ? String(parsed.message)
        : text || response.statusText;
    const retryable = response.status >= 500 || response.status === 429;
    throw new KongAdminError(method, path, response.status, message, retryable, parsed);
  }
}

/** A path segment, percent-encoded (usernames and keys may hold any character). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
