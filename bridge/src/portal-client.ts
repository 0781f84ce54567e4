/** An event as the facade hands it out and the bridge pushes it (see `schema/openapi/webhooks.json`). */
export interface WebhookEvent {
  readonly id: string;
  readonly sequence: number;
  readonly name: string;
  readonly [field: string]: unknown;
}

export interface ListenerSummary {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
}

export interface Lease {
  readonly holder: string;
  readonly expiresAt: string;
  readonly listener: ListenerSummary & { readonly secret: string };
}

export interface Delivery {
  readonly deliveryId: string;
  readonly attemptId: string;
  readonly attempt: number;
  readonly firstAttemptAt: string;
  readonly events: readonly WebhookEvent[];
}

export interface AttemptResult {
  readonly acknowledged: boolean;
  readonly position: number;
  readonly attempt: number;
  readonly firstAttemptAt: string | null;
  readonly consecutiveFailures: number;
  /** False when nothing is pending after this outcome; absent from older portals (then: claim again). */
  readonly pending?: boolean;
}

export interface AttemptOutcome {
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** A refusal of the facade, with its status and error code (e.g. 409 CONFLICT when the lease is gone). */
export class PortalRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "PortalRequestError";
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * The bridge's only way to the portal's state: the webhook REST facade, authenticated as a delivery service
 * account. The bridge keeps nothing else: positions, attempts and dead letters are the portal's.
 */
export class PortalClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  async listListeners(): Promise<ListenerSummary[]> {
    const body = await this.request<{ listeners: ListenerSummary[] }>("GET", "/webhooks/listeners");
    return body?.listeners ?? [];
  }

  async acquireLease(listenerId: string, holder: string, ttlSeconds: number): Promise<Lease> {
    const lease = await this.request<Lease>("PUT", `${this.listener(listenerId)}/lease`, {
      holder,
      ttlSeconds,
    });
    if (!lease) throw new PortalRequestError(502, "EMPTY_RESPONSE", "the lease answer was empty");
    return lease;
  }

  async releaseLease(listenerId: string, holder: string): Promise<void> {
    await this.request("DELETE", `${this.listener(listenerId)}/lease?holder=${encodeURIComponent(holder)}`);
  }

  /** The next delivery, or null when nothing is pending. */
  claim(listenerId: string, holder: string, limit: number): Promise<Delivery | null> {
    return this.request<Delivery>("POST", `${this.listener(listenerId)}/deliveries`, { holder, limit });
  }

  async recordAttempt(
    listenerId: string,
    attemptId: string,
    holder: string,
    outcome: AttemptOutcome,
  ): Promise<AttemptResult> {
    const result = await this.request<AttemptResult>(
      "PUT",
      `${this.listener(listenerId)}/attempts/${encodeURIComponent(attemptId)}`,
      { holder, ...outcome },
    );
    if (!result) throw new PortalRequestError(502, "EMPTY_RESPONSE", "the attempt answer was empty");
    return result;
  }

  async deadLetter(listenerId: string, deliveryId: string, holder: string, reason: string): Promise<void> {
    await this.request(
      "POST",
      `${this.listener(listenerId)}/deliveries/${encodeURIComponent(deliveryId)}/dead-letter`,
      { holder, reason },
    );
  }

  private listener(id: string): string {
    return `/webhooks/listeners/${encodeURIComponent(id)}`;
  }

  /** The parsed JSON answer, null for 204; throws {@link PortalRequestError} for error statuses. */
  private async request<T>(method: string, path: string, body?: unknown): Promise<T | null> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}` };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) {
      let error = { code: `HTTP_${response.status}`, message: text.slice(0, 300) };
      try {
        error = (JSON.parse(text) as { error: typeof error }).error;
      } catch {
        // not the facade's JSON error body (a proxy in between?); keep the raw text
      }
      throw new PortalRequestError(response.status, error.code, `${method} ${path}: ${error.message}`);
    }
    return response.status === 204 || text === "" ? null : (JSON.parse(text) as T);
  }
}
