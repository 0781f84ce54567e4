import axios, { type AxiosInstance } from "axios";
import { backoffDelay } from "../backoff.js";
import { retryAfterMs } from "./retry-after.js";

export interface ChatDeliveryPolicy {
  /** One request's timeout. */
  readonly timeoutMs: number;
  /** Tries of one message, the first included. */
  readonly maxAttempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  /** A `Retry-After` longer than this is not waited for: the message fails at once. */
  readonly maxRetryAfterMs: number;
}

export type ChatDeliveryOutcome =
  | { readonly delivered: true; readonly status: number; readonly attempts: number }
  | { readonly delivered: false; readonly error: string; readonly attempts: number };

interface AttemptResult {
  readonly ok: boolean;
  /** Worth another try (timeouts, network errors, 408, 425, 429, 5xx). */
  readonly retryable: boolean;
  readonly error: string;
  readonly status: number | null;
  /** What the receiver asked for with `Retry-After`, in ms. */
  readonly waitMs: number | null;
}

const retryableStatuses = new Set([408, 425, 429]);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A chat webhook over HTTP. Redirects are not followed: a moved webhook URL is a configuration error. */
export function createChatHttpClient(): AxiosInstance {
  return axios.create({
    maxRedirects: 0,
    validateStatus: () => true,
    responseType: "text",
    transformResponse: (data: unknown) => data,
    headers: { "content-type": "application/json", "user-agent": "api-portal-chatbot" },
  });
}

async function attempt(
  http: AxiosInstance,
  url: string,
  body: unknown,
  timeoutMs: number,
): Promise<AttemptResult> {
  try {
    const response = await http.post<string>(url, JSON.stringify(body), {
      timeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs + 1000),
    });
    const { status } = response;
    if (status >= 200 && status < 300) return { ok: true, retryable: false, error: "", status, waitMs: null };
    const detail = typeof response.data === "string" ? response.data.trim().slice(0, 300) : "";
    const header = response.headers["retry-after"] as string | undefined;
    return {
      ok: false,
      retryable: retryableStatuses.has(status) || status >= 500,
      error: `HTTP ${status}${detail ? `: ${detail}` : ""}`,
      status,
      waitMs: retryAfterMs(header),
    };
  } catch (error) {
    // The message never names the URL: it is a secret (the webhook's token is part of it).
    const code = axios.isAxiosError(error) ? error.code : undefined;
    const reason =
      code === "ECONNABORTED" || code === "ETIMEDOUT" || code === "ERR_CANCELED"
        ? `no answer within ${timeoutMs} ms`
        : `${code ?? "request failed"}${code === undefined ? `: ${(error as Error).message}` : ""}`;
    return { ok: false, retryable: true, error: reason, status: null, waitMs: null };
  }
}

/**
 * Posts one message with retries: exponential backoff with jitter after timeouts, network errors and 5xx; a
 * `Retry-After` (429, 503) is honoured when it is not longer than `maxRetryAfterMs`. Other 4xx answers are final.
 */
export async function deliverChatMessage(
  http: AxiosInstance,
  url: string,
  body: unknown,
  policy: ChatDeliveryPolicy,
  wait: (ms: number) => Promise<void> = sleep,
): Promise<ChatDeliveryOutcome> {
  for (let attempts = 1; ; attempts++) {
    const result = await attempt(http, url, body, policy.timeoutMs);
    if (result.ok && result.status !== null) return { delivered: true, status: result.status, attempts };
    if (!result.retryable) return { delivered: false, error: result.error, attempts };
    if (result.waitMs !== null && result.waitMs > policy.maxRetryAfterMs) {
      const seconds = Math.ceil(result.waitMs / 1000);
      return {
        delivered: false,
        error: `${result.error} (asked to retry after ${seconds} s, longer than the ${policy.maxRetryAfterMs / 1000} s the chatbot waits)`,
        attempts,
      };
    }
    if (attempts >= policy.maxAttempts)
      return { delivered: false, error: `${result.error} (after ${attempts} attempts)`, attempts };
    await wait(result.waitMs ?? backoffDelay(attempts, policy.backoffBaseMs, policy.backoffMaxMs));
  }
}
