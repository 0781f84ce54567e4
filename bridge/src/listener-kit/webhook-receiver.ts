import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import type { WebhookEvent } from "../portal-client.js";
import { verifyWebhookSignature } from "../standard-webhooks.js";
import type { BuiltInListener, ListenerResponse } from "./built-in-listener.js";

/** Batches are at most `BRIDGE_BATCH_SIZE` (≤ 1000) events; anything far larger is not a delivery of ours. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface WebhookReceiver {
  /** `http://host:port` of the socket, without a trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new RequestError(413, `the body is larger than ${MAX_BODY_BYTES} bytes`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, answer: ListenerResponse): void {
  const text =
    answer.contentType?.startsWith("text/plain") && typeof answer.body === "string"
      ? answer.body
      : JSON.stringify(answer.body);
  response.writeHead(answer.status, { "content-type": answer.contentType ?? "application/json" });
  response.end(text);
}

const error = (status: number, code: string, message: string): ListenerResponse => ({
  status,
  body: { error: { code, message } },
});

function parseBatch(body: string): WebhookEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new RequestError(400, "the body is not JSON");
  }
  if (!Array.isArray(parsed)) throw new RequestError(400, "the body must be a JSON array of events");
  parsed.forEach((event: unknown, index) => {
    const candidate = event as Partial<WebhookEvent> | null;
    if (
      typeof candidate !== "object" ||
      candidate === null ||
      typeof candidate.name !== "string" ||
      typeof candidate.sequence !== "number"
    )
      throw new RequestError(400, `event [${index}] has no name or sequence`);
  });
  return parsed as WebhookEvent[];
}

/**
 * The HTTP side of a built-in listener: `POST /` receives signed batches (401 for a bad signature, 400 for a
 * malformed batch, 204 once the listener handled it, 503 when it could not — the bridge then retries the same
 * batch), `GET /healthz` reports the listener's health, and the listener's own routes are served beside them.
 */
export async function startWebhookReceiver(
  listener: BuiltInListener,
  options: { secret: string; host: string; port: number; logger: Logger; clock?: () => Date },
): Promise<WebhookReceiver> {
  const clock = options.clock ?? (() => new Date());
  const routes = new Map((listener.routes ?? []).map((route) => [`${route.method} ${route.path}`, route]));

  const receive = async (request: IncomingMessage, body: string): Promise<ListenerResponse> => {
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    const delivery = {
      id: header("webhook-id"),
      timestamp: header("webhook-timestamp"),
      signature: header("webhook-signature"),
    };
    if (!verifyWebhookSignature(options.secret, delivery, body, clock()))
      return error(401, "BAD_SIGNATURE", "missing, expired or wrong Standard Webhooks signature");
    const events = parseBatch(body);
    try {
      await listener.handle(events, { webhookId: delivery.id ?? "" });
    } catch (cause) {
      options.logger.warn(
        { err: cause, listenerId: listener.id, webhookId: delivery.id, events: events.length },
        "the batch was not handled; the bridge will deliver it again",
      );
      return error(503, "NOT_HANDLED", cause instanceof Error ? cause.message : String(cause));
    }
    return { status: 204, body: null };
  };

  const dispatch = async (request: IncomingMessage): Promise<ListenerResponse> => {
    const path = new URL(request.url ?? "/", "http://listener").pathname;
    const body = await readBody(request);
    if (request.method === "POST" && path === "/") return receive(request, body);
    if (request.method === "GET" && path === "/healthz") {
      const health = listener.health();
      return { status: health.status === "down" ? 503 : 200, body: { listener: listener.id, ...health } };
    }
    const route = routes.get(`${request.method ?? ""} ${path}`);
    if (route) return route.handle({ headers: request.headers, body });
    return error(404, "NOT_FOUND", `no route ${request.method ?? ""} ${path}`);
  };

  const server = createServer((request, response) => {
    dispatch(request).then(
      (answer) => {
        if (answer.status === 204) {
          response.writeHead(204).end();
        } else send(response, answer);
      },
      (cause: unknown) => {
        if (cause instanceof RequestError) send(response, error(cause.status, "BAD_REQUEST", cause.message));
        else {
          options.logger.error({ err: cause, listenerId: listener.id }, "listener route failed");
          send(response, error(500, "INTERNAL", "the listener failed; see its log"));
        }
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
