const REQUEST_TIMEOUT_MS = 15_000;

/** The portal answered the query with an error (`code` is the portal's ErrorCode, e.g. FORBIDDEN). */
export class PortalGraphQLError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path: readonly (string | number)[] = [],
  ) {
    super(message);
    this.name = "PortalGraphQLError";
  }
}

/** The portal could not be reached or failed (network error, timeout, 5xx): try again later. */
export class PortalUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "PortalUnavailableError";
  }
}

interface GraphQLAnswer<TData> {
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/** GraphQL over HTTP to the portal API as a service account, for the built-in listeners. */
export class PortalGraphQLClient {
  constructor(
    private readonly portalUrl: string,
    private readonly token: string,
    private readonly timeoutMs = REQUEST_TIMEOUT_MS,
  ) {}

  async request<TData>(query: string, variables: Record<string, unknown> = {}): Promise<TData> {
    let response: Response;
    try {
      response = await fetch(`${this.portalUrl.replace(/\/+$/, "")}/graphql`, {
        method: "POST",
        headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      throw new PortalUnavailableError(`the portal API is unreachable: ${(cause as Error).message}`, {
        cause,
      });
    }
    const text = await response.text();
    if (response.status >= 500 && !text.startsWith("{"))
      throw new PortalUnavailableError(`the portal API answered ${response.status}`);
    let answer: GraphQLAnswer<TData>;
    try {
      answer = JSON.parse(text) as GraphQLAnswer<TData>;
    } catch {
      throw new PortalUnavailableError(`the portal API answered ${response.status} without JSON`);
    }
    const first = answer.errors?.[0];
    if (first) {
      const code = first.extensions?.code ?? `HTTP_${response.status}`;
      if (code === "INTERNAL_SERVER_ERROR" || code === "INTERNAL" || response.status >= 500)
        throw new PortalUnavailableError(`the portal API failed: ${first.message}`);
      throw new PortalGraphQLError(code, first.message, first.path);
    }
    if (answer.data === undefined || answer.data === null)
      throw new PortalUnavailableError(`the portal API answered ${response.status} without data`);
    return answer.data;
  }
}
