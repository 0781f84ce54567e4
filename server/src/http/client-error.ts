import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { errorBody, errorCodeFor } from "./http-error.js";

/**
 * Answers requests that Node's HTTP parser rejects before Fastify sees them (malformed request line, oversized
 * headers, header timeout) with the same `{ error: { code, message } }` body as every other error, then closes the
 * connection.
 */
export function handleClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [statusCode, message] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "The request was not received in time"]
      : error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "The request headers are too large"]
        : [400, "Malformed HTTP request"];
  const body = JSON.stringify(errorBody(errorCodeFor(statusCode), message));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
