import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedChatRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
  readonly receivedAt: number;
}

export type ChatReceiverAnswer = { status: number; headers?: Record<string, string>; body?: string } | "hang";

/** A chat platform's incoming webhook for tests: a real HTTP server on 127.0.0.1 that records every request. */
export class ChatReceiver {
  readonly requests: ReceivedChatRequest[] = [];
  answer: (request: ReceivedChatRequest, index: number) => ChatReceiverAnswer = () => ({
    status: 200,
    body: "ok",
  });
  private constructor(private readonly server: Server) {}

  static async start(): Promise<ChatReceiver> {
    const server = createServer();
    const receiver = new ChatReceiver(server);
    server.on("request", (request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const received: ReceivedChatRequest = {
          path: request.url ?? "",
          headers: request.headers,
          body: text ? (JSON.parse(text) as unknown) : null,
          receivedAt: Date.now(),
        };
        receiver.requests.push(received);
        const answer = receiver.answer(received, receiver.requests.length - 1);
        if (answer === "hang") return;
        response.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
        response.end(answer.body ?? "");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  /** The webhook URL, with a secret-looking path like the real ones. */
  url(path = "/services/T000/B000/secret"): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
