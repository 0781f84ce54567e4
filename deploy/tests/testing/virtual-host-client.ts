import { Agent, request } from "node:https";
import WebSocket, { type ClientOptions } from "ws";

export interface VirtualHostResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

/**
 * HTTPS to a load balancer on 127.0.0.1 as if it were reached by a host name: TLS SNI and the Host header name the
 * virtual host, and the test certificate is the only trusted one.
 */
export class VirtualHostClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    readonly host: string,
    private readonly ca: string,
  ) {
    this.agent = new Agent({ keepAlive: true, ca, servername: host });
  }

  send(
    method: string,
    path: string,
    options: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<VirtualHostResponse> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          host: "127.0.0.1",
          port: this.port,
          method,
          path,
          agent: this.agent,
          servername: this.host,
          headers: { host: this.host, ...options.headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: Buffer.concat(chunks).toString("utf8"),
            }),
          );
        },
      );
      outgoing.on("error", reject);
      outgoing.end(options.body);
    });
  }

  /** A `ws` WebSocket class that connects through this client's virtual host, for graphql-ws's `webSocketImpl`. */
  webSocketClass(headers: Record<string, string> = {}): unknown {
    // `ws` passes these on to https.request; its typings leave out servername.
    const options: ClientOptions & { servername: string } = {
      ca: this.ca,
      servername: this.host,
      headers: { host: this.host, ...headers },
    };
    return class extends WebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols, options);
      }
    };
  }

  url(scheme: "https" | "wss", path: string): string {
    return `${scheme}://127.0.0.1:${this.port}${path}`;
  }

  close(): void {
    this.agent.destroy();
  }
}
