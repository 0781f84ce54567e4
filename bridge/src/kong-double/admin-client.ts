/**
 * A minimal client for the double's tests: one call, the status, parsed body and headers back.
 */
/** The JSON of an answer, with the fields tests read most often typed. */
export interface AdminBody {
  id: string;
  created_at: number;
  updated_at: number;
  data: AdminBody[];
  next: string | null;
  offset: string;
  message: string;
  code: number;
  name: string;
  fields: Record<string, unknown>;
  config: Record<string, unknown>;
  [field: string]: unknown;
}

export interface AdminAnswer {
  status: number;
  body: AdminBody;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  /** Sent as is instead of JSON (with `contentType`). */
  raw?: string;
  contentType?: string | null;
}

export async function adminCall(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  options: CallOptions = {},
): Promise<AdminAnswer> {
  const headers: Record<string, string> = {};
  const payload = options.raw ?? (body === undefined ? undefined : JSON.stringify(body));
  const contentType =
    options.contentType === undefined
      ? payload === undefined
        ? null
        : "application/json"
      : options.contentType;
  if (contentType !== null) headers["content-type"] = contentType;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    ...(payload !== undefined && { body: payload }),
  });
  const text = await response.text();
  return { status: response.status, body: parsedJson(text) as AdminBody, text, headers: response.headers };
}

function parsedJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
