import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedEvent {
  readonly id: string;
  readonly sequence: number;
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

export interface ReceivedDelivery {
  /** The status the listener answered with; null while held (or never answered). */
  status: number | null;
  /** `Date.now()` when the request arrived. */
  readonly receivedAt: number;
  readonly webhookId: string;
  readonly timestamp: number;
  readonly signatureValid: boolean;
  readonly events: readonly ReceivedEvent[];
}

/** What the listener does with a delivery: answer with a status (after an optional delay), or hold it forever. */
export type Behaviour = (delivery: ReceivedDelivery) => { status: number; delayMs?: number } | "hold";

/**
 * A webhook listener for tests on a real socket: records every delivery, checks its Standard Webhooks signature
 * with the listener's secret, and answers as the test's behaviour says. It can go down and come back on its port.
 */
export class TestListener {
  readonly deliveries: ReceivedDelivery[] = [];
  secret = "";
  behaviour: Behaviour = () => ({ status: 200 });
  /** Most requests in progress at the same time (a lease must keep this at 1). */
  maxConcurrent = 0;
  private concurrent = 0;
  private server: Server | undefined;
  private held: ServerResponse[] = [];
  private port = 0;

  static async start(): Promise<TestListener> {
    const listener = new TestListener();
    await listener.up();
    return listener;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  /** Sequences received, first occurrence of each, in arrival order. */
  firstArrivals(): number[] {
    const seen = new Set<number>();
    const order: number[] = [];
    for (const delivery of this.deliveries) {
      for (const event of delivery.events) {
        if (!seen.has(event.sequence)) {
          seen.add(event.sequence);
          order.push(event.sequence);
        }
      }
    }
    return order;
  }

  async up(): Promise<void> {
    const server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => server.listen(this.port, "127.0.0.1", resolve));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening (connections are refused) and drops held requests. */
  async down(): Promise<void> {
    for (const response of this.held.splice(0)) response.destroy();
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const webhookId = String(request.headers["webhook-id"] ?? "");
    const timestamp = Number(request.headers["webhook-timestamp"] ?? 0);
    const delivery: ReceivedDelivery = {
      status: null,
      receivedAt: Date.now(),
      webhookId,
      timestamp,
      signatureValid: this.verify(
        webhookId,
        timestamp,
        body,
        String(request.headers["webhook-signature"] ?? ""),
      ),
      events: JSON.parse(body) as ReceivedEvent[],
    };
    this.deliveries.push(delivery);
    const answer = this.behaviour(delivery);
    if (answer === "hold") {
      this.held.push(response);
      return;
    }
    this.concurrent += 1;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.concurrent);
    if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
    this.concurrent -= 1;
    delivery.status = answer.status;
    response.writeHead(answer.status, { "content-type": "text/plain" }).end("OK");
  }

  private verify(id: string, timestamp: number, body: string, header: string): boolean {
    const key = Buffer.from(this.secret.replace(/^whsec_/, ""), "base64");
    const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
    return header.split(" ").some((part) => {
      const [version, signature] = part.split(",");
      const given = Buffer.from(signature ?? "", "base64");
      return version === "v1" && given.length === expected.length && timingSafeEqual(given, expected);
    });
  }
}

/** The `payload.name` markers of a listener's events, each at its first arrival (redeliveries do not repeat it). */
export function firstArrivalMarkers(listener: TestListener): string[] {
  const seen = new Set<string>();
  for (const delivery of listener.deliveries)
    for (const event of delivery.events) seen.add(String(event.payload.name));
  return [...seen];
}
