import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A webhook listener for benchmarks: answers 204 at once and notes when each event arrived (`performance.now()`,
 * the same clock as the producer in this process), by the marker the producer put in the event's payload `name`.
 * Duplicates (a retried batch) keep their first arrival.
 */
export class WebhookSink {
  readonly arrivals = new Map<string, number>();
  url = "";
  private readonly server = createServer((request, response) => this.handle(request, response));

  static async start(): Promise<WebhookSink> {
    const sink = new WebhookSink();
    sink.server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => sink.server.listen(0, "127.0.0.1", resolve));
    sink.url = `http://127.0.0.1:${(sink.server.address() as AddressInfo).port}/hook`;
    return sink;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const at = performance.now();
      const events = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { payload?: { name?: string } }[];
      for (const event of events) {
        const marker = event.payload?.name;
        if (marker !== undefined && !this.arrivals.has(marker)) this.arrivals.set(marker, at);
      }
      response.writeHead(204).end();
    });
  }
}
