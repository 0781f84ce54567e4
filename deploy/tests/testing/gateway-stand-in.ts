import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * An HTTP server in Kong's place behind the API host: it answers every path (including Kong's `/status/ready`) with
 * `{"gateway":"stand-in","host":..,"path":..}`, so a test sees which backend HAProxy chose and with which Host.
 */
export class GatewayStandIn {
  private constructor(private readonly server: Server) {}

  static async start(): Promise<GatewayStandIn> {
    const server = createServer((request, response) => {
      response
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ gateway: "stand-in", host: request.headers.host, path: request.url }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new GatewayStandIn(server);
  }

  get address(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
