import type { Logger } from "pino";
import { backoffDelay } from "../backoff.js";

export interface ListenerRegistration {
  readonly id: string;
  readonly url: string;
  readonly events: readonly string[];
  readonly secret: string;
  /** Where delivery starts; only used when the listener is registered for the first time. */
  readonly from: "now" | "earliest" | number;
}

/** A refusal the portal will repeat however often it is asked (bad URL, foreign listener, wrong token, ...). */
export class RegistrationRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RegistrationRefusedError";
  }
}

const REQUEST_TIMEOUT_MS = 15_000;

async function putListener(portalUrl: string, token: string, registration: ListenerRegistration) {
  const { id, ...body } = registration;
  const response = await fetch(
    `${portalUrl.replace(/\/+$/, "")}/webhooks/listeners/${encodeURIComponent(id)}`,
    {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    },
  );
  if (response.ok) return;
  const text = await response.text();
  const message = `registering listener "${id}" at ${portalUrl} was refused (${response.status}): ${text.slice(0, 500)}`;
  if (response.status >= 400 && response.status < 500 && response.status !== 429)
    throw new RegistrationRefusedError(message);
  throw new Error(message);
}

/**
 * Registers (or updates) a listener at the portal's webhook facade. While the portal is unreachable or failing,
 * tries again with backoff until `signal` aborts; a refusal (4xx) is final and thrown at once.
 */
export async function registerListener(
  portal: { readonly portalUrl: string; readonly token: string },
  registration: ListenerRegistration,
  options: { readonly logger: Logger; readonly signal?: AbortSignal; readonly backoffMs?: [number, number] },
): Promise<void> {
  const [baseMs, maxMs] = options.backoffMs ?? [250, 10_000];
  for (let failures = 1; ; failures++) {
    try {
      await putListener(portal.portalUrl, portal.token, registration);
      return;
    } catch (error) {
      if (error instanceof RegistrationRefusedError) throw error;
      options.signal?.throwIfAborted();
      const delay = backoffDelay(failures, baseMs, maxMs);
      options.logger.warn(
        { err: error, listenerId: registration.id, retryInMs: delay },
        "the portal is not reachable yet; registering the listener again",
      );
      await new Promise((resolve) => setTimeout(resolve, delay));
      options.signal?.throwIfAborted();
    }
  }
}
