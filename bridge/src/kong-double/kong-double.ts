/**
 * An in-process double of the Kong Gateway 3.x Admin API (CONTRACT.md in `contract/`), on a real
 * HTTP server at 127.0.0.1 with a free port. Tests and benchmarks point the Kong adapter at `url`,
 * inject faults through `faults`, read what was sent from `requests`/`counts`, and change Kong's
 * state behind the API's back through `store`.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { AdminRequest, AdminResponse } from "./admin-api.js";
import { AdminApi } from "./admin-api.js";
import { DeclarativeConfig } from "./declarative-config.js";
import { KongStore } from "./entity-store.js";
import { FaultController } from "./fault-injection.js";
import {
  KongHttpError,
  cannotParseJson,
  notFound,
  unexpectedError,
  unsupportedMediaType,
} from "./kong-errors.js";
import type { OpenApiViolation } from "./openapi-request-check.js";
import { OpenApiRequestCheck } from "./openapi-request-check.js";
import type { LoggedRequest, RequestCounts } from "./request-log.js";
import { RequestLog } from "./request-log.js";

export interface KongDoubleOptions {
  /** Reported by `GET /` (default 3.9.1). */
  version?: string;
  /** `off` is DB-less mode: entity writes answer 405, `POST /config` loads a declarative configuration. */
  database?: "postgres" | "off";
  /** Check every request against the Admin API OpenAPI documents and record violations. */
  checkRequests?: boolean;
}

export interface KongDouble {
  /** Base URL of the Admin API, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  readonly store: KongStore;
  readonly faults: FaultController;
  /** Every request received, in order. */
  readonly requests: readonly LoggedRequest[];
  readonly counts: RequestCounts;
  /** Requests that did not match the OpenAPI documents (only with `checkRequests`). */
  readonly openApiViolations: readonly OpenApiViolation[];
  /** Forgets the request log and the violations (not the state). */
  clearLog(): void;
  /** Empties Kong's state and the request log; removes faults. */
  reset(): void;
  close(): Promise<void>;
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);
const ACCEPTED_TYPES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"];
const YAML_TYPES = ["application/yaml", "text/yaml"];

export async function startKongDouble(options: KongDoubleOptions = {}): Promise<KongDouble> {
  const version = options.version ?? "3.9.1";
  const database = options.database ?? "postgres";
  const store = new KongStore();
  const declarative = new DeclarativeConfig(store, database);
  const api = new AdminApi(
    store,
    { version, database, nodeId: randomUUID(), configurationHash: () => declarative.hash() },
    declarative,
  );
  const log = new RequestLog();
  const checker = options.checkRequests ? await OpenApiRequestCheck.load() : undefined;
  let violations: OpenApiViolation[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    void serve(request, response);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const url = new URL(request.url ?? "/", "http://kong");
    const method = (request.method ?? "GET").toUpperCase();
    const contentType = request.headers["content-type"];
    const entry: LoggedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: loggedBody(rawBody, contentType),
      status: 0,
    };
    log.record(entry);
    if (checker) {
      violations.push(...checker.check({ method, path: url.pathname, contentType, body: entry.body }));
    }
    const decision = faults.decide(method, url.pathname);
    if (decision.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, decision.delayMs));
    const fault = decision.error ?? decision.drop;
    let answer: AdminResponse | undefined;
    if (!fault || fault.afterApply) answer = answerOf(method, url, rawBody, contentType, request);
    if (decision.drop) {
      entry.fault = "drop";
      request.socket.destroy();
      return;
    }
    if (decision.error) {
      entry.fault = "error";
      const failure = unexpectedError();
      answer = { status: decision.error.status, body: failure.body };
    }
    send(response, request, version, answer!);
    entry.status = answer!.status;
  }

  function answerOf(
    method: string,
    url: URL,
    rawBody: string,
    contentType: string | undefined,
    request: IncomingMessage,
  ): AdminResponse {
    try {
      const segments = url.pathname
        .split("/")
        .filter((segment) => segment !== "")
        .map(unescapeSegment);
      const adminRequest: AdminRequest = {
        method,
        segments,
        query: url.searchParams,
        body: BODY_METHODS.has(method)
          ? parsedBody(rawBody, contentType, segments[0] === "config", request)
          : undefined,
        contentType,
        rawBody,
      };
      return api.handle(adminRequest);
    } catch (error) {
      if (error instanceof KongHttpError) return { status: error.status, body: error.body };
      return { status: 500, body: unexpectedError().body };
    }
  }

  const connections = {
    refuse: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
    accept: async () => {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => {
          server.off("error", reject);
          resolve();
        });
      });
    },
  };
  const faults = new FaultController(connections);

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    store,
    faults,
    get requests() {
      return log.requests;
    },
    get counts() {
      return log.counts;
    },
    get openApiViolations() {
      return violations;
    },
    clearLog() {
      log.clear();
      violations = [];
    },
    reset() {
      store.reset();
      log.clear();
      violations = [];
      faults.clear();
    },
    async close() {
      faults.clear();
      if (!server.listening) return;
      await connections.refuse();
    },
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function unescapeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw notFound();
  }
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.split(";")[0]?.trim().toLowerCase();
}

/** §1: JSON only is parsed; no body and no content type is an empty entity; unknown types are 415. */
function parsedBody(
  rawBody: string,
  contentType: string | undefined,
  isConfig: boolean,
  request: IncomingMessage,
): unknown {
  const type = mediaType(contentType);
  if (type === undefined) {
    if (rawBody.length === 0 || request.headers["content-length"] === "0") return undefined;
    throw unsupportedMediaType();
  }
  if (isConfig && YAML_TYPES.includes(type)) return undefined;
  if (!ACCEPTED_TYPES.includes(type)) throw unsupportedMediaType();
  if (type !== "application/json") {
    throw new KongHttpError(400, { message: "the Kong double accepts JSON request bodies only" });
  }
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    throw cannotParseJson();
  }
}

function loggedBody(rawBody: string, contentType: string | undefined): unknown {
  if (rawBody.length === 0) return undefined;
  if (mediaType(contentType) !== "application/json") return rawBody;
  try {
    return JSON.parse(rawBody) as unknown;
  } catch {
    return rawBody;
  }
}

function send(
  response: ServerResponse,
  request: IncomingMessage,
  version: string,
  answer: AdminResponse,
): void {
  const headers: Record<string, string> = {
    Server: `kong/${version}`,
    "Access-Control-Allow-Origin": request.headers.origin ?? "*",
    "Access-Control-Allow-Credentials": "true",
    ...answer.headers,
  };
  const hasBody = answer.body !== undefined && answer.status !== 204 && answer.status !== 304;
  if (hasBody || answer.status === 415) headers["Content-Type"] = "application/json; charset=utf-8";
  const payload = hasBody ? JSON.stringify(answer.body) : "";
  headers["Content-Length"] = String(Buffer.byteLength(payload));
  response.writeHead(answer.status, headers);
  response.end(request.method === "HEAD" ? undefined : payload);
}
