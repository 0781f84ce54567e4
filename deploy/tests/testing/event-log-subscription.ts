import { createClient, type Client } from "graphql-ws";

export interface ReceivedLogEvent {
  readonly sequence: number;
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

/** A held GraphQL subscription to `eventLog` over graphql-ws, collecting what arrives. */
export class EventLogSubscription {
  readonly events: ReceivedLogEvent[] = [];
  readonly errors: unknown[] = [];

  private constructor(private readonly client: Client) {}

  static open(options: {
    url: string;
    /** A WebSocket class (`ws`'s, or one that adds options). */
    webSocketImpl: unknown;
    authorization?: string;
    from?: number;
  }): EventLogSubscription {
    const client = createClient({
      url: options.url,
      webSocketImpl: options.webSocketImpl,
      connectionParams: options.authorization ? { authorization: options.authorization } : {},
      retryAttempts: 0,
    });
    const subscription = new EventLogSubscription(client);
    client.subscribe<{ eventLog: ReceivedLogEvent }>(
      {
        query: `subscription ($from: SafeInt) { eventLog(from: $from, names: ["access_token.*"]) { sequence name payload } }`,
        variables: { from: options.from ?? null },
      },
      {
        next: (result) => {
          if (result.data) subscription.events.push(result.data.eventLog);
          if (result.errors) subscription.errors.push(...result.errors);
        },
        error: (error) => subscription.errors.push(error),
        complete: () => undefined,
      },
    );
    return subscription;
  }

  names(): string[] {
    return this.events.map((event) => String(event.payload.name));
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
